import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import {
  decrementLoginCounter, deleteLoginCounter, deleteLoginCountersSince, getLoginCounter, incrementLoginCounter,
} from '../../src/store/login-attempts.js';
import { freshDb } from './helpers.js';

let db: Db;
const T0 = '2026-11-25T10:00:00.000Z';
const T1 = '2026-11-25T10:05:00.000Z';

beforeEach(() => {
  db = freshDb();
});

describe('login counters', () => {
  it('starts a counter at one and keeps its window start as it grows', () => {
    expect(getLoginCounter(db, 'ip:1.2.3.4')).toBeNull();
    incrementLoginCounter(db, 'ip:1.2.3.4', T0);
    incrementLoginCounter(db, 'ip:1.2.3.4', T1);
    incrementLoginCounter(db, 'name:ann', T1);
    expect(getLoginCounter(db, 'ip:1.2.3.4')).toEqual({ windowStart: T0, count: 2 });
    expect(getLoginCounter(db, 'name:ann')).toEqual({ windowStart: T1, count: 1 });
  });

  it('takes one off, never below zero', () => {
    incrementLoginCounter(db, 'ip:x', T0);
    decrementLoginCounter(db, 'ip:x');
    decrementLoginCounter(db, 'ip:x');
    expect(getLoginCounter(db, 'ip:x')?.count).toBe(0);
    decrementLoginCounter(db, 'ip:unknown');
    expect(getLoginCounter(db, 'ip:unknown')).toBeNull();
  });

  it('deletes one counter, or those whose window started at or before a time', () => {
    incrementLoginCounter(db, 'a', '2026-11-25T09:00:00.000Z');
    incrementLoginCounter(db, 'b', T0);
    incrementLoginCounter(db, 'c', T1);
    deleteLoginCountersSince(db, T0);
    expect(['a', 'b', 'c'].map((k) => getLoginCounter(db, k) !== null)).toEqual([false, false, true]);
    deleteLoginCounter(db, 'c');
    expect(getLoginCounter(db, 'c')).toBeNull();
  });
});
