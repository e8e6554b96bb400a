/*
 * The pickle opcodes, named once: every opcode of protocols 0 to 5 with its
 * byte and the shape of its argument, as Lib/pickletools.py lists them. The
 * reader, the writer and the tests' assembler are all made from this list.
 */
#ifndef MEMSNAP_PICKLE_OPS_H
#define MEMSNAP_PICKLE_OPS_H

/*
 * How an opcode's argument is laid out in the bytes after it. Sizes count
 * bytes, as pickletools' uint1 ... uint8 do; numbers are little-endian.
 */
enum ms_pickle_arg {
	ARG_NONE,
	ARG_U1,	   /* an unsigned byte */
	ARG_U2,	   /* 2-byte unsigned */
	ARG_I4,	   /* 4-byte signed */
	ARG_U4,	   /* 4-byte unsigned */
	ARG_U8,	   /* 8-byte unsigned (FRAME's length) */
	ARG_F8,	   /* an IEEE double, big-endian (BINFLOAT) */
	ARG_STR1,  /* a 1-byte length, then that many bytes (text or binary) */
	ARG_STR4,  /* a 4-byte length, then that many bytes */
	ARG_STR8,  /* an 8-byte length, then that many bytes */
	ARG_LONG1, /* a 1-byte length, then a two's complement integer of that many bytes */
	ARG_LONG4, /* a 4-byte signed length, then the same */
	ARG_LINE,  /* text up to and including a newline */
	ARG_LINE2, /* two such lines (module and class name) */
};

/*
 * X(NAME, byte, shape) for every opcode, in pickletools' order. A reader
 * that accepts one more opcode needs no new row here: every opcode pickle
 * knows is listed, and the reader's load() says which ones it accepts.
 */
#define MS_PICKLE_OPCODES(X)                                                                       \
	/* integers */                                                                             \
	X(INT, 'I', ARG_LINE)                                                                      \
	X(BININT, 'J', ARG_I4)                                                                     \
	X(BININT1, 'K', ARG_U1)                                                                    \
	X(BININT2, 'M', ARG_U2)                                                                    \
	X(LONG, 'L', ARG_LINE)                                                                     \
	X(LONG1, 0x8a, ARG_LONG1)                                                                  \
	X(LONG4, 0x8b, ARG_LONG4)                                                                  \
	/* strings, bytes and buffers */                                                           \
	X(STRING, 'S', ARG_LINE)                                                                   \
	X(BINSTRING, 'T', ARG_STR4)                                                                \
	X(SHORT_BINSTRING, 'U', ARG_STR1)                                                          \
	X(BINBYTES, 'B', ARG_STR4)                                                                 \
	X(SHORT_BINBYTES, 'C', ARG_STR1)                                                           \
	X(BINBYTES8, 0x8e, ARG_STR8)                                                               \
	X(BYTEARRAY8, 0x96, ARG_STR8)                                                              \
	X(NEXT_BUFFER, 0x97, ARG_NONE)                                                             \
	X(READONLY_BUFFER, 0x98, ARG_NONE)                                                         \
	/* constants and floats */                                                                 \
	X(NONE, 'N', ARG_NONE)                                                                     \
	X(NEWTRUE, 0x88, ARG_NONE)                                                                 \
	X(NEWFALSE, 0x89, ARG_NONE)                                                                \
	X(UNICODE, 'V', ARG_LINE)                                                                  \
	X(SHORT_BINUNICODE, 0x8c, ARG_STR1)                                                        \
	X(BINUNICODE, 'X', ARG_STR4)                                                               \
	X(BINUNICODE8, 0x8d, ARG_STR8)                                                             \
	X(FLOAT, 'F', ARG_LINE)                                                                    \
	X(BINFLOAT, 'G', ARG_F8)                                                                   \
	/* containers */                                                                           \
	X(EMPTY_LIST, ']', ARG_NONE)                                                               \
	X(APPEND, 'a', ARG_NONE)                                                                   \
	X(APPENDS, 'e', ARG_NONE)                                                                  \
	X(LIST, 'l', ARG_NONE)                                                                     \
	X(EMPTY_TUPLE, ')', ARG_NONE)                                                              \
	X(TUPLE, 't', ARG_NONE)                                                                    \
	X(TUPLE1, 0x85, ARG_NONE)                                                                  \
	X(TUPLE2, 0x86, ARG_NONE)                                                                  \
	X(TUPLE3, 0x87, ARG_NONE)                                                                  \
	X(EMPTY_DICT, '}', ARG_NONE)                                                               \
	X(DICT, 'd', ARG_NONE)                                                                     \
	X(SETITEM, 's', ARG_NONE)                                                                  \
	X(SETITEMS, 'u', ARG_NONE)                                                                 \
	X(EMPTY_SET, 0x8f, ARG_NONE)                                                               \
	X(ADDITEMS, 0x90, ARG_NONE)                                                                \
	X(FROZENSET, 0x91, ARG_NONE)                                                               \
	/* the stack */                                                                            \
	X(POP, '0', ARG_NONE)                                                                      \
	X(DUP, '2', ARG_NONE)                                                                      \
	X(MARK, '(', ARG_NONE)                                                                     \
	X(POP_MARK, '1', ARG_NONE)                                                                 \
	/* the memo */                                                                             \
	X(GET, 'g', ARG_LINE)                                                                      \
	X(BINGET, 'h', ARG_U1)                                                                     \
	X(LONG_BINGET, 'j', ARG_U4)                                                                \
	X(PUT, 'p', ARG_LINE)                                                                      \
	X(BINPUT, 'q', ARG_U1)                                                                     \
	X(LONG_BINPUT, 'r', ARG_U4)                                                                \
	X(MEMOIZE, 0x94, ARG_NONE)                                                                 \
	/* classes and objects */                                                                  \
	X(EXT1, 0x82, ARG_U1)                                                                      \
	X(EXT2, 0x83, ARG_U2)                                                                      \
	X(EXT4, 0x84, ARG_I4)                                                                      \
	X(GLOBAL, 'c', ARG_LINE2)                                                                  \
	X(STACK_GLOBAL, 0x93, ARG_NONE)                                                            \
	X(REDUCE, 'R', ARG_NONE)                                                                   \
	X(BUILD, 'b', ARG_NONE)                                                                    \
	X(INST, 'i', ARG_LINE2)                                                                    \
	X(OBJ, 'o', ARG_NONE)                                                                      \
	X(NEWOBJ, 0x81, ARG_NONE)                                                                  \
	X(NEWOBJ_EX, 0x92, ARG_NONE)                                                               \
	/* the machine */                                                                          \
	X(PROTO, 0x80, ARG_U1)                                                                     \
	X(STOP, '.', ARG_NONE)                                                                     \
	X(FRAME, 0x95, ARG_U8)                                                                     \
	X(PERSID, 'P', ARG_LINE)                                                                   \
	X(BINPERSID, 'Q', ARG_NONE)

/* OP_BININT1 is 'K', and so on. */
enum ms_pickle_op {
#define MS_PICKLE_OP_ENUM(name, byte, arg) OP_##name = (byte),
	MS_PICKLE_OPCODES(MS_PICKLE_OP_ENUM)
#undef MS_PICKLE_OP_ENUM
};

/* The pickletools name of an opcode byte, or NULL for an unknown byte. */
static inline const char *ms_pickle_op_name(unsigned char op)
{
	static const char *const names[256] = {
#define MS_PICKLE_OP_NAME(name, byte, arg) [(byte)] = #name,
	    MS_PICKLE_OPCODES(MS_PICKLE_OP_NAME)
#undef MS_PICKLE_OP_NAME
	};

	return names[op];
}

#endif
