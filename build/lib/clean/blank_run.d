build/lib/clean/blank_run.o: lib/clean/blank_run.c lib/core/stage.h \
 lib/core/doc.h lib/core/arena.h lib/core/json.h lib/core/buf.h \
 include/winnow.h
lib/core/stage.h:
lib/core/doc.h:
lib/core/arena.h:
lib/core/json.h:
lib/core/buf.h:
include/winnow.h:
