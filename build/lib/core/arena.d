build/lib/core/arena.o: lib/core/arena.c lib/core/arena.h
lib/core/arena.h:
