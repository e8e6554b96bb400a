/*
 * What every public header of libmemsnap shares: MS_API marks the
 * functions the shared library exports (it is built with hidden
 * visibility, so nothing else is), and the extern "C" guards for C++.
 */
#ifndef MEMSNAP_API_H
#define MEMSNAP_API_H

#if defined(_WIN32)
#define MS_API
#elif defined(__GNUC__) && __GNUC__ >= 4
#define MS_API __attribute__((visibility("default")))
#else
#define MS_API
#endif

#ifdef __cplusplus
#define MS_BEGIN_DECLS extern "C" {
#define MS_END_DECLS }
#else
#define MS_BEGIN_DECLS
#define MS_END_DECLS
#endif

#endif
