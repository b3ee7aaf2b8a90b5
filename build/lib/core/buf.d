build/lib/core/buf.o: lib/core/buf.c lib/core/buf.h
lib/core/buf.h:
