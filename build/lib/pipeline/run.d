build/lib/pipeline/run.o: lib/pipeline/run.c lib/core/pool.h \
 lib/io/reader.h lib/core/buf.h include/winnow.h lib/io/writer.h \
 lib/core/doc.h lib/core/arena.h lib/core/json.h lib/core/buf.h \
 lib/pipeline/pipeline.h lib/core/stage.h lib/core/doc.h \
 lib/pipeline/stats.h
lib/core/pool.h:
lib/io/reader.h:
lib/core/buf.h:
include/winnow.h:
lib/io/writer.h:
lib/core/doc.h:
lib/core/arena.h:
lib/core/json.h:
lib/core/buf.h:
lib/pipeline/pipeline.h:
lib/core/stage.h:
lib/core/doc.h:
lib/pipeline/stats.h:
