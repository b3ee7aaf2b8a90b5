build/lib/io/reader.o: lib/io/reader.c lib/io/reader.h lib/core/buf.h \
 include/winnow.h lib/io/src.h
lib/io/reader.h:
lib/core/buf.h:
include/winnow.h:
lib/io/src.h:
