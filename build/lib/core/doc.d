build/lib/core/doc.o: lib/core/doc.c lib/core/doc.h lib/core/arena.h \
 lib/core/json.h lib/core/buf.h include/winnow.h
lib/core/doc.h:
lib/core/arena.h:
lib/core/json.h:
lib/core/buf.h:
include/winnow.h:
