build/lib/pipeline/stats.o: lib/pipeline/stats.c lib/pipeline/stats.h \
 include/winnow.h
lib/pipeline/stats.h:
include/winnow.h:
