build/lib/clean/encoding.o: lib/clean/encoding.c lib/core/stage.h \
 lib/core/doc.h lib/core/arena.h lib/core/json.h lib/core/buf.h \
 include/winnow.h lib/core/utf8.h
lib/core/stage.h:
lib/core/doc.h:
lib/core/arena.h:
lib/core/json.h:
lib/core/buf.h:
include/winnow.h:
lib/core/utf8.h:
