build/lib/core/json.o: lib/core/json.c lib/core/json.h lib/core/arena.h \
 lib/core/buf.h lib/core/utf8.h
lib/core/json.h:
lib/core/arena.h:
lib/core/buf.h:
lib/core/utf8.h:
