import type { Clock } from "../../shared/clock.ts";

/** A clock a test sets and moves. */
export class MovableClock implements Clock {
  private at: number;

  constructor(at: string | Date) {
    this.at = new Date(at).getTime();
  }

  now(): Date {
    return new Date(this.at);
  }

  set(at: string | Date): void {
    this.at = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.at += ms;
  }
}
