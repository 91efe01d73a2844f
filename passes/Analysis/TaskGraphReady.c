/* Which processes can proceed, kept up to date as channels change, so that
   the round-robin scheduler finds the next one in O(log P) instead of
   rescanning every process at each switch (docs/csp.md, Complexity).

   Invariants: a process's bit in Interp.ready is set exactly when it can
   proceed — it is ready (spawned, not yet blocked), a rendezvous partner
   completed its op, or it waits at a recv whose channel holds a token, has
   a waiting rendezvous sender or is closed — except for senders blocked for
   room on a channel of capacity >= 1: those sit in their channel's treap
   (keyed by process id, priorities a hash of the id: deterministic). A
   channel with exactly one of them sets that sender's bit while it has
   room (`flagged`); a channel with several is on the hot list while it has
   room, and the scheduler asks its treap for the first sender after the
   current process. A channel gains room one recv at a time, so the hot list
   holds only the fan-in channels that a recv just freed. */
#include "TaskGraphInterp.h"

#include <stdlib.h>
#include <string.h>

#define NIL SIZE_MAX

/*===--- the bit tree -----------------------------------------------------===*/

static void rsResize(ReadySet *s, size_t needed) {
  if (needed <= s->capacity)
    return;
  ReadySet old = *s;
  unsigned levels = old.levels ? old.levels : 1;
  size_t capacity = 64;
  for (unsigned l = 1; l < levels; ++l)
    capacity *= 64;
  while (capacity < needed) {
    capacity *= 64;
    ++levels;
  }
  memset(s, 0, sizeof *s);
  s->levels = levels;
  s->capacity = capacity;
  size_t bits = capacity;
  for (unsigned l = 0; l < levels; ++l) {
    s->numWords[l] = bits / 64;
    s->words[l] = wspCalloc(s->numWords[l], sizeof(uint64_t));
    bits /= 64;
  }
  for (size_t w = 0; w < (old.levels ? old.numWords[0] : 0); ++w)
    for (uint64_t m = old.words[0][w]; m; m &= m - 1) {
      size_t i = w * 64 + (size_t)__builtin_ctzll(m);
      for (unsigned l = 0; l < s->levels; ++l, i /= 64)
        s->words[l][i / 64] |= 1ull << (i % 64);
    }
  for (unsigned l = 0; l < old.levels; ++l)
    free(old.words[l]);
}

static void rsSet(ReadySet *s, size_t i) {
  for (unsigned l = 0; l < s->levels; ++l, i /= 64) {
    uint64_t before = s->words[l][i / 64];
    s->words[l][i / 64] = before | 1ull << (i % 64);
    if (before)
      return; /* the parent's bit is already set */
  }
}

static void rsClear(ReadySet *s, size_t i) {
  for (unsigned l = 0; l < s->levels; ++l, i /= 64) {
    s->words[l][i / 64] &= ~(1ull << (i % 64));
    if (s->words[l][i / 64])
      return;
  }
}

static void rsAssign(ReadySet *s, size_t i, bool on) {
  if (on)
    rsSet(s, i);
  else
    rsClear(s, i);
}

/* The smallest set bit >= i, or NIL. */
static size_t rsNext(const ReadySet *s, size_t i) {
  if (i >= s->capacity)
    return NIL;
  unsigned l = 0;
  size_t pos = i;
  for (;;) {
    size_t w = pos / 64;
    if (w >= s->numWords[l])
      return NIL;
    uint64_t m = s->words[l][w] & (~0ull << (pos % 64));
    if (m) {
      pos = w * 64 + (size_t)__builtin_ctzll(m);
      break;
    }
    if (l + 1 == s->levels)
      return NIL;
    pos = w + 1;
    ++l;
  }
  while (l-- > 0)
    pos = pos * 64 + (size_t)__builtin_ctzll(s->words[l][pos]);
  return pos;
}

/*===--- sender treaps ----------------------------------------------------===*/

static uint64_t priority(size_t p) {
  uint64_t x = (uint64_t)p + 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

/* Splits treap t into keys < key (*l) and keys >= key (*r). */
static void split(Interp *in, size_t t, size_t key, size_t *l, size_t *r) {
  if (t == NIL) {
    *l = *r = NIL;
  } else if (t < key) {
    split(in, in->treapRight[t], key, &in->treapRight[t], r);
    *l = t;
  } else {
    split(in, in->treapLeft[t], key, l, &in->treapLeft[t]);
    *r = t;
  }
}

/* Every key of a is smaller than every key of b. */
static size_t merge(Interp *in, size_t a, size_t b) {
  if (a == NIL)
    return b;
  if (b == NIL)
    return a;
  if (priority(a) > priority(b)) {
    in->treapRight[a] = merge(in, in->treapRight[a], b);
    return a;
  }
  in->treapLeft[b] = merge(in, a, in->treapLeft[b]);
  return b;
}

static void treapInsert(Interp *in, size_t *root, size_t p) {
  size_t l, r;
  split(in, *root, p, &l, &r);
  in->treapLeft[p] = in->treapRight[p] = NIL;
  *root = merge(in, merge(in, l, p), r);
}

static void treapErase(Interp *in, size_t *root, size_t p) {
  size_t l, r, mid, rest;
  split(in, *root, p, &l, &r);
  split(in, r, p + 1, &mid, &rest);
  *root = merge(in, l, rest);
}

/* The smallest key >= key, or NIL. */
static size_t treapSuccessor(const Interp *in, size_t t, size_t key) {
  size_t best = NIL;
  while (t != NIL) {
    if (t >= key) {
      best = t;
      t = in->treapLeft[t];
    } else {
      t = in->treapRight[t];
    }
  }
  return best;
}

/*===--- keeping the set up to date ---------------------------------------===*/

static bool isBlockedSender(const Interp *in, size_t p) {
  const Proc *q = &in->procs[p];
  return q->state == PROC_BLOCKED && !q->waitIsRecv && !q->handed &&
         in->chans[q->waitChannel].capacity > 0;
}

static bool hasRoom(const Interp *in, size_t ch) {
  const Chan *c = &in->chans[ch];
  size_t held = wspChannelOrderNumSends(in->order, ch) - wspChannelOrderNumRecvs(in->order, ch);
  return c->capacity > 0 && held < (size_t)c->capacity;
}

static bool recvCanProceed(const Interp *in, size_t ch) {
  const Chan *c = &in->chans[ch];
  size_t held = wspChannelOrderNumSends(in->order, ch) - wspChannelOrderNumRecvs(in->order, ch);
  return (c->capacity > 0 && held > 0) || (c->capacity == 0 && c->waitHead < c->numWaiting) ||
         (c->numEnds > 0 && c->openEnds == 0);
}

static void setHot(Interp *in, size_t ch, bool hot) {
  Chan *c = &in->chans[ch];
  if (hot == (c->hotIndex != NIL))
    return;
  if (hot) {
    if (in->numHot == in->capHot) {
      in->capHot = in->capHot ? 2 * in->capHot : 8;
      in->hot = wspRealloc(in->hot, in->capHot * sizeof(size_t));
    }
    c->hotIndex = in->numHot;
    in->hot[in->numHot++] = ch;
    return;
  }
  size_t last = in->hot[--in->numHot];
  in->hot[c->hotIndex] = last;
  in->chans[last].hotIndex = c->hotIndex;
  c->hotIndex = NIL;
}

void tgReadyRefresh(Interp *in, size_t ch) {
  Chan *c = &in->chans[ch];
  if (c->receiver >= 0) {
    const Proc *r = &in->procs[c->receiver];
    if (r->state == PROC_BLOCKED && r->waitIsRecv && r->waitChannel == ch && !r->handed)
      rsAssign(&in->ready, (size_t)c->receiver, recvCanProceed(in, ch));
  }
  if (c->flagged != NIL) {
    rsClear(&in->ready, c->flagged);
    c->flagged = NIL;
  }
  bool room = hasRoom(in, ch);
  if (c->numBlockedSenders == 1 && room) {
    c->flagged = c->senders;
    rsSet(&in->ready, c->flagged);
  }
  setHot(in, ch, c->numBlockedSenders >= 2 && room);
}

void tgReadyAdd(Interp *in, size_t proc) {
  rsResize(&in->ready, proc + 1);
  if (proc >= in->capTreap) {
    in->capTreap = 2 * proc + 8;
    in->treapLeft = wspRealloc(in->treapLeft, in->capTreap * sizeof(size_t));
    in->treapRight = wspRealloc(in->treapRight, in->capTreap * sizeof(size_t));
  }
  in->treapLeft[proc] = in->treapRight[proc] = NIL;
  rsSet(&in->ready, proc);
}

void tgReadyResume(Interp *in, size_t proc) {
  rsClear(&in->ready, proc);
  if (!isBlockedSender(in, proc))
    return;
  size_t ch = in->procs[proc].waitChannel;
  Chan *c = &in->chans[ch];
  treapErase(in, &c->senders, proc);
  --c->numBlockedSenders;
  tgReadyRefresh(in, ch);
}

void tgReadyBlocked(Interp *in, size_t proc) {
  rsClear(&in->ready, proc);
  size_t ch = in->procs[proc].waitChannel;
  if (isBlockedSender(in, proc)) {
    Chan *c = &in->chans[ch];
    treapInsert(in, &c->senders, proc);
    ++c->numBlockedSenders;
  }
  tgReadyRefresh(in, ch);
}

void tgReadyDone(Interp *in, size_t proc) { rsClear(&in->ready, proc); }

void tgReadyHanded(Interp *in, size_t proc) { rsSet(&in->ready, proc); }

bool tgReadyNext(const Interp *in, size_t cur, size_t *next) {
  size_t n = in->numProcs, start = (cur + 1) % n;
  size_t best = rsNext(&in->ready, start);
  if (best == NIL || best >= n)
    best = rsNext(&in->ready, 0);
  if (best != NIL && best >= n)
    best = NIL;
  for (size_t i = 0; i < in->numHot; ++i) {
    size_t root = in->chans[in->hot[i]].senders, s = treapSuccessor(in, root, start);
    if (s == NIL)
      s = treapSuccessor(in, root, 0);
    if (s != NIL && (best == NIL || (s + n - start) % n < (best + n - start) % n))
      best = s;
  }
  *next = best;
  return best != NIL;
}

void tgReadyFree(Interp *in) {
  for (unsigned l = 0; l < in->ready.levels; ++l)
    free(in->ready.words[l]);
  free(in->treapLeft);
  free(in->treapRight);
  free(in->hot);
}
