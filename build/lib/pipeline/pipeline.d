build/lib/pipeline/pipeline.o: lib/pipeline/pipeline.c \
 lib/pipeline/pipeline.h lib/core/stage.h lib/core/doc.h lib/core/arena.h \
 lib/core/json.h lib/core/buf.h include/winnow.h lib/io/reader.h \
 lib/core/buf.h lib/io/writer.h lib/core/doc.h
lib/pipeline/pipeline.h:
lib/core/stage.h:
lib/core/doc.h:
lib/core/arena.h:
lib/core/json.h:
lib/core/buf.h:
include/winnow.h:
lib/io/reader.h:
lib/core/buf.h:
lib/io/writer.h:
lib/core/doc.h:
