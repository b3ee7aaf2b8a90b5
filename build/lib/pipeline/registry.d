build/lib/pipeline/registry.o: lib/pipeline/registry.c lib/core/stage.h \
 lib/core/doc.h lib/core/arena.h lib/core/json.h lib/core/buf.h \
 include/winnow.h lib/pipeline/pipeline.h lib/io/reader.h lib/core/buf.h
lib/core/stage.h:
lib/core/doc.h:
lib/core/arena.h:
lib/core/json.h:
lib/core/buf.h:
include/winnow.h:
lib/pipeline/pipeline.h:
lib/io/reader.h:
lib/core/buf.h:
