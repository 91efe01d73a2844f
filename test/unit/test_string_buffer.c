/* Unit tests for lib/Support/StringBuffer.h and TryBuffer.h: formatted
   appends that fit the spare capacity, fill it exactly, or overflow it (the
   buffer formats once into the spare room and again only when that was too
   small), against the same text built with snprintf. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "Support/StringBuffer.h"
#include "Support/TryBuffer.h"

/* `n` bytes of a repeating pattern, NUL-terminated, in `out`. */
static void pattern(char *out, size_t n, char first) {
  for (size_t i = 0; i < n; ++i)
    out[i] = (char)(first + (char)(i % 26));
  out[n] = '\0';
}

static void test_appends_of_every_length_match_snprintf(void **state) {
  (void)state;
  enum { kMax = 700 };
  static char expected[kMax * kMax];
  static char piece[kMax + 1];
  size_t length = 0;
  WspStringBuffer b;
  wspStringBufferInit(&b);
  for (size_t n = 0; n < kMax; ++n) { /* crosses every capacity boundary */
    pattern(piece, n, (char)('a' + n % 3));
    wspStringBufferAppendf(&b, "%zu:%s;", n, piece);
    length += (size_t)snprintf(expected + length, sizeof expected - length, "%zu:%s;", n, piece);
    assert_int_equal(b.length, length);
    assert_int_equal(b.data[b.length], '\0');
  }
  assert_memory_equal(b.data, expected, length);
  wspStringBufferFree(&b);
}

/* Lengths at the spare room's edge: one less, equal, one more. */
static void test_spare_room_edges(void **state) {
  (void)state;
  for (int delta = -1; delta <= 1; ++delta) {
    WspStringBuffer b;
    wspStringBufferInit(&b);
    wspStringBufferAppendStr(&b, "x"); /* capacity 64, 63 spare before the NUL */
    size_t spare = b.capacity - b.length;
    size_t n = spare - 1 + (size_t)(delta + 1); /* spare - 1, spare, spare + 1 */
    char *text = malloc(n + 1);
    assert_non_null(text);
    pattern(text, n, 'A');
    wspStringBufferAppendf(&b, "%s", text);
    assert_int_equal(b.length, 1 + n);
    assert_int_equal(b.data[0], 'x');
    assert_memory_equal(b.data + 1, text, n);
    assert_int_equal(b.data[b.length], '\0');
    free(text);
    wspStringBufferFree(&b);
  }
}

static void test_try_buffer_builds_and_hands_over(void **state) {
  (void)state;
  WspTryBuffer b = wspTryBufferCreate();
  assert_false(b.failed);
  assert_string_equal(b.data, ""); /* empty, but a string */
  for (int i = 0; i < 100; ++i)
    wspTryBufferAppendStr(&b, "abc");
  wspTryBufferAppend(&b, "", 0);
  char *text = wspTryBufferTake(&b);
  assert_non_null(text);
  assert_int_equal(strlen(text), 300);
  assert_memory_equal(text + 297, "abc", 3);
  free(text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_appends_of_every_length_match_snprintf),
      cmocka_unit_test(test_spare_room_edges),
      cmocka_unit_test(test_try_buffer_builds_and_hands_over),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
