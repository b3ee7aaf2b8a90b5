build/lib/io/writer.o: lib/io/writer.c lib/io/writer.h lib/core/buf.h \
 lib/core/doc.h lib/core/arena.h lib/core/json.h lib/core/buf.h \
 include/winnow.h
lib/io/writer.h:
lib/core/buf.h:
lib/core/doc.h:
lib/core/arena.h:
lib/core/json.h:
lib/core/buf.h:
include/winnow.h:
