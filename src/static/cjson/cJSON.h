/*
 * The part of cJSON 1.7.15's API that memsnap calls, declared for the
 * static build alone (src/static/cjson.c says why it exists); every other
 * build includes Debian's <cjson/cJSON.h>. The names, types and values are
 * cJSON's, so memsnap's sources read the same with either.
 */
#ifndef cJSON__h
#define cJSON__h

#include <stddef.h>

#define CJSON_NESTING_LIMIT 1000

#define cJSON_Invalid	    0
#define cJSON_False	    (1 << 0)
#define cJSON_True	    (1 << 1)
#define cJSON_NULL	    (1 << 2)
#define cJSON_Number	    (1 << 3)
#define cJSON_String	    (1 << 4)
#define cJSON_Array	    (1 << 5)
#define cJSON_Object	    (1 << 6)
#define cJSON_Raw	    (1 << 7)
#define cJSON_IsReference   256
#define cJSON_StringIsConst 512

typedef int cJSON_bool;

typedef struct cJSON {
	struct cJSON *next, *prev; /* siblings; a container's first child's prev is its last */
	struct cJSON *child;
	int type;
	char *valuestring; /* cJSON_String and cJSON_Raw */
	int valueint;	   /* valuedouble, saturated to an int */
	double valuedouble;
	char *string; /* the member name, in an object */
} cJSON;

typedef struct cJSON_Hooks {
	void *(*malloc_fn)(size_t sz);
	void (*free_fn)(void *ptr);
} cJSON_Hooks;

/* Every node and string is allocated and freed through these (NULL: malloc and free). */
void cJSON_InitHooks(cJSON_Hooks *hooks);

/*
 * The JSON value at the start of value[0..length), after whitespace. On
 * success *return_parse_end is just past it; on failure NULL is returned
 * and *return_parse_end is where parsing stopped (within the buffer).
 */
cJSON *cJSON_ParseWithLengthOpts(const char *value, size_t length, const char **return_parse_end,
				 cJSON_bool require_null_terminated);
cJSON *cJSON_ParseWithLength(const char *value, size_t length);

/* Compact text of item into buffer; false if it does not fit. format must be false. */
cJSON_bool cJSON_PrintPreallocated(cJSON *item, char *buffer, const int length,
				   const cJSON_bool format);

/* Frees item, its children and its siblings after it. */
void cJSON_Delete(cJSON *item);

cJSON *cJSON_CreateNull(void);
cJSON *cJSON_CreateTrue(void);
cJSON *cJSON_CreateFalse(void);
cJSON *cJSON_CreateBool(cJSON_bool boolean);
cJSON *cJSON_CreateNumber(double num);
cJSON *cJSON_CreateString(const char *string);
cJSON *cJSON_CreateRaw(const char *raw); /* raw is JSON text, printed as it is */
cJSON *cJSON_CreateArray(void);
cJSON *cJSON_CreateObject(void);

/* Appends item, which the container then owns; false if it could not. */
cJSON_bool cJSON_AddItemToArray(cJSON *array, cJSON *item);
/* string must outlive the object: it is kept, not copied. */
cJSON_bool cJSON_AddItemToObjectCS(cJSON *object, const char *string, cJSON *item);

/* The first member named string, or NULL. */
cJSON *cJSON_GetObjectItemCaseSensitive(const cJSON *const object, const char *const string);

cJSON_bool cJSON_IsNull(const cJSON *const item);
cJSON_bool cJSON_IsNumber(const cJSON *const item);
cJSON_bool cJSON_IsString(const cJSON *const item);
cJSON_bool cJSON_IsObject(const cJSON *const item);

#endif
