build/lib/io/src.o: lib/io/src.c lib/io/src.h
lib/io/src.h:
