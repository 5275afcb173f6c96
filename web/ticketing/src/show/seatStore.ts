import type { Seat, SeatMap, SeatState } from '../api/show';

export interface SeatInfo {
  id: string;
  section: string;
  row: string;
  number: number;
  grade: string;
  price: number;
}

export interface SeatRow {
  key: string;
  label: string;
  seats: SeatInfo[];
}

export interface SeatSection {
  name: string;
  rows: SeatRow[];
}

/** Keys that move focus between seats of a section. */
export type SeatKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

interface SeatPosition {
  section: SeatSection;
  row: number;
  seat: number;
}

export interface GradeCount {
  grade: string;
  price: number;
  remaining: number;
}

/** Topics a component can watch: the layout, the per-grade counts, the selection, or one row. */
export type Topic = 'layout' | 'summary' | 'selection' | `row:${string}`;

/**
 * The seat map outside React: seat states in one Map, the selection in one Set. A change
 * bumps the version of the rows it touches, so only those rows render again.
 */
export class SeatStore {
  sections: SeatSection[] = [];
  private seats = new Map<string, SeatInfo>();
  /** Every seat any snapshot showed: a hold keeps its seats' grade and price when another section is shown. */
  private readonly seen = new Map<string, SeatInfo>();
  private states = new Map<string, SeatState>();
  private rowOf = new Map<string, string>();
  private positions = new Map<string, SeatPosition>();
  /**
   * The one seat of each section that Tab reaches (roving tabindex); arrow keys move it. It is
   * always a seat that can be chosen, so a section without one has no stop.
   */
  private readonly stops = new Map<string, string>();
  private readonly selected = new Set<string>();
  /** Seats of the buyer's current hold. */
  private readonly mine = new Set<string>();
  /** Seats being held right now: their own `held` events must not drop them from the selection. */
  private readonly claiming = new Set<string>();
  private readonly versions = new Map<Topic, number>();
  private readonly listeners = new Map<Topic, Set<() => void>>();
  private counts: GradeCount[] | null = null;

  subscribe = (topic: Topic, listener: () => void): (() => void) => {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };

  version = (topic: Topic): number => this.versions.get(topic) ?? 0;

  private bump(topics: Iterable<Topic>): void {
    const unique = new Set(topics);
    for (const topic of unique) this.versions.set(topic, this.version(topic) + 1);
    if (unique.has('summary')) this.counts = null;
    for (const topic of unique) this.listeners.get(topic)?.forEach((listener) => listener());
  }

  /** Replaces every seat with a fresh snapshot; the selection keeps seats still available. */
  load(map: SeatMap): void {
    const sections: SeatSection[] = [];
    const sectionIndex = new Map<string, SeatSection>();
    const rowIndex = new Map<string, SeatRow>();
    this.seats = new Map();
    this.states = new Map();
    this.rowOf = new Map();
    this.positions = new Map();
    for (const seat of map.seats) {
      const info = toInfo(seat);
      let section = sectionIndex.get(info.section);
      if (!section) {
        section = { name: info.section, rows: [] };
        sectionIndex.set(info.section, section);
        sections.push(section);
      }
      const key = `${info.section}\u0000${info.row}`;
      let row = rowIndex.get(key);
      if (!row) {
        row = { key, label: info.row, seats: [] };
        rowIndex.set(key, row);
        section.rows.push(row);
      }
      this.positions.set(info.id, { section, row: section.rows.length - 1, seat: row.seats.length });
      row.seats.push(info);
      this.seats.set(info.id, info);
      this.seen.set(info.id, info);
      this.states.set(info.id, seat.state);
      this.rowOf.set(info.id, key);
    }
    this.sections = sections;
    // Seats chosen in a section no longer shown stay chosen; so do the buyer's held seats.
    for (const id of this.selected) if (this.states.has(id) && this.states.get(id) !== 'available') this.selected.delete(id);
    for (const id of this.mine) if (this.states.has(id) && this.states.get(id) !== 'held') this.mine.delete(id);
    for (const name of this.stops.keys()) if (!sectionIndex.has(name)) this.stops.delete(name);
    this.repairStops(sections.map((section) => section.name));
    this.bump(['layout', 'summary', 'selection', ...[...rowIndex.keys()].map((key): Topic => `row:${key}`)]);
  }

  stateOf(id: string): SeatState | undefined {
    return this.states.get(id);
  }

  isSelected(id: string): boolean {
    return this.selected.has(id);
  }

  isMine(id: string): boolean {
    return this.mine.has(id);
  }

  seat(id: string): SeatInfo | undefined {
    return this.seats.get(id) ?? this.seen.get(id);
  }

  selection(): SeatInfo[] {
    return [...this.selected].flatMap((id) => this.seat(id) ?? []);
  }

  /**
   * Applies a change from the stream (or a local one). Returns the selected seats that
   * someone else took, which leave the selection.
   */
  apply(ids: readonly string[], state: SeatState): string[] {
    const touched: Topic[] = [];
    const taken: string[] = [];
    for (const id of ids) {
      const key = this.rowOf.get(id);
      if (key === undefined || this.states.get(id) === state) continue;
      this.states.set(id, state);
      touched.push(`row:${key}`);
      if (state !== 'available' && this.selected.has(id) && !this.claiming.has(id)) {
        this.selected.delete(id);
        taken.push(id);
      }
      if (state !== 'held') this.mine.delete(id);
    }
    if (touched.length === 0) return taken;
    touched.push('summary', ...this.repairStops(this.sectionsOf(ids)));
    if (taken.length > 0) touched.push('selection');
    this.bump(touched);
    return taken;
  }

  toggle(id: string): void {
    const key = this.rowOf.get(id);
    if (key === undefined) return;
    if (this.selected.has(id)) this.selected.delete(id);
    else if (this.states.get(id) === 'available' && !this.mine.has(id)) this.selected.add(id);
    else return;
    this.bump([`row:${key}`, 'selection']);
  }

  clearSelection(): void {
    if (this.selected.size === 0) return;
    const rows = [...this.selected].map((id): Topic => `row:${this.rowOf.get(id) ?? ''}`);
    this.selected.clear();
    this.bump([...rows, 'selection']);
  }

  /** Drops selected seats that are no longer available (as far as the map shown tells); returns their ids. */
  dropUnavailable(): string[] {
    const dropped = [...this.selected].filter((id) => this.states.has(id) && this.states.get(id) !== 'available');
    if (dropped.length === 0) return dropped;
    for (const id of dropped) this.selected.delete(id);
    this.bump([...dropped.map((id): Topic => `row:${this.rowOf.get(id) ?? ''}`), 'selection']);
    return dropped;
  }

  /** Takes seats out of the selection, drawn or not (a hold was refused because they are taken). */
  deselect(ids: readonly string[]): void {
    const dropped = ids.filter((id) => this.selected.delete(id));
    if (dropped.length > 0) this.bump([...dropped.map((id) => this.rowTopic(id)), 'selection']);
  }

  /** Marks seats as being held by this buyer's pending request. */
  claim(ids: readonly string[] | null): void {
    this.claiming.clear();
    for (const id of ids ?? []) this.claiming.add(id);
  }

  /** Keeps what the server told of seats not on the map shown (a restored hold's), for checkout to price them. */
  remember(seats: readonly SeatInfo[]): void {
    for (const seat of seats) if (!this.seen.has(seat.id)) this.seen.set(seat.id, seat);
  }

  /** The seats of the buyer's hold (empty when it ends); they leave the selection. */
  setMine(ids: readonly string[]): void {
    const rows: Topic[] = ['selection', 'summary'];
    const released = [...this.mine].filter((id) => !ids.includes(id));
    for (const id of [...this.mine, ...ids, ...this.selected]) rows.push(`row:${this.rowOf.get(id) ?? ''}`);
    this.mine.clear();
    for (const id of ids) {
      this.mine.add(id);
      this.selected.delete(id);
      if (this.states.has(id)) this.states.set(id, 'held');
    }
    for (const id of released) if (this.states.get(id) === 'held') this.states.set(id, 'available');
    rows.push(...this.repairStops(this.sectionsOf([...ids, ...released])));
    this.bump(rows);
  }

  isTabStop(id: string): boolean {
    const seat = this.seats.get(id);
    return seat !== undefined && this.stops.get(seat.section) === id;
  }

  /** Makes a seat its section's tab stop (when it takes focus, or arrow keys reach it). */
  moveTabStop(id: string): void {
    const seat = this.seats.get(id);
    const previous = seat && this.stops.get(seat.section);
    if (!seat || previous === id || !this.choosable(id)) return;
    this.stops.set(seat.section, id);
    this.bump([this.rowTopic(id), ...(previous ? [this.rowTopic(previous)] : [])]);
  }

  /**
   * The seat a key moves to from `id`, skipping seats that cannot be chosen: left and right
   * within the row, Home and End to its ends, up and down to the nearest seat of the next row
   * that has one. null when there is none that way.
   */
  neighbour(id: string, key: SeatKey): string | null {
    const at = this.positions.get(id);
    if (!at) return null;
    const rows = at.section.rows;
    const seatsOf = (row: number) => rows[row]?.seats ?? [];
    const pick = (row: number, order: number[]) => order.map((i) => seatsOf(row)[i]?.id).find((seat) => seat && this.choosable(seat)) ?? null;
    const indices = (from: number, to: number) => {
      const step = from <= to ? 1 : -1;
      return Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => from + i * step);
    };
    const last = seatsOf(at.row).length - 1;
    switch (key) {
      case 'ArrowRight': return at.seat < last ? pick(at.row, indices(at.seat + 1, last)) : null;
      case 'ArrowLeft': return at.seat > 0 ? pick(at.row, indices(at.seat - 1, 0)) : null;
      case 'Home': return pick(at.row, indices(0, last));
      case 'End': return pick(at.row, indices(last, 0));
      case 'ArrowUp':
      case 'ArrowDown': {
        const step = key === 'ArrowDown' ? 1 : -1;
        for (let row = at.row + step; row >= 0 && row < rows.length; row += step) {
          // Nearest first: the same place in the row, then one further each side.
          const width = seatsOf(row).length;
          const order = Array.from({ length: 2 * width }, (_, i) => at.seat + (i % 2 === 0 ? i / 2 : -(i + 1) / 2));
          const found = pick(row, order.filter((i) => i >= 0 && i < width));
          if (found) return found;
        }
        return null;
      }
    }
  }

  /** Available and not already the buyer's: a seat button that is enabled. */
  private choosable(id: string): boolean {
    return this.states.get(id) === 'available' && !this.mine.has(id);
  }

  private rowTopic(id: string): Topic {
    return `row:${this.rowOf.get(id) ?? ''}`;
  }

  private sectionsOf(ids: Iterable<string>): Set<string> {
    const names = new Set<string>();
    for (const id of ids) {
      const seat = this.seats.get(id);
      if (seat) names.add(seat.section);
    }
    return names;
  }

  /** Gives each section whose stop can no longer be chosen a new one; returns the rows to render. */
  private repairStops(sections: Iterable<string>): Topic[] {
    const touched: Topic[] = [];
    for (const name of sections) {
      const current = this.stops.get(name);
      if (current && this.choosable(current)) continue;
      const section = this.sections.find((candidate) => candidate.name === name);
      const next = section?.rows.flatMap((row) => row.seats).find((seat) => this.choosable(seat.id))?.id;
      if (current) touched.push(this.rowTopic(current));
      if (next) {
        this.stops.set(name, next);
        touched.push(this.rowTopic(next));
      } else this.stops.delete(name);
    }
    return touched;
  }

  /** Seats still available per grade, with the grade's lowest price, in map order. */
  gradeCounts(): GradeCount[] {
    if (this.counts) return this.counts;
    const byGrade = new Map<string, GradeCount>();
    for (const seat of this.seats.values()) {
      let count = byGrade.get(seat.grade);
      if (!count) byGrade.set(seat.grade, (count = { grade: seat.grade, price: seat.price, remaining: 0 }));
      count.price = Math.min(count.price, seat.price);
      if (this.states.get(seat.id) === 'available') count.remaining += 1;
    }
    this.counts = [...byGrade.values()].sort((a, b) => b.price - a.price);
    return this.counts;
  }
}

function toInfo(seat: Seat): SeatInfo {
  return {
    id: seat.id,
    section: seat.section,
    row: String(seat.row),
    number: seat.number,
    grade: seat.grade,
    price: seat.price,
  };
}
