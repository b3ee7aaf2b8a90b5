build/lib/core/status.o: lib/core/status.c include/winnow.h
include/winnow.h:
