import type { Seat } from '../sellerApi';
import { compareLabels, isNumberLabel, nextLabel } from './rowLabels';
import { newGrade, newRowGroup, newSection, type GradeDraft, type RowGroupDraft, type SeatMapDraft, type SectionDraft } from './seatMapDraft';

export interface LoadedDraft {
  draft: SeatMapDraft;
  /**
   * The registered map has something the builder cannot express (several prices in one
   * grade, several grades in one row, seat numbers that do not run 1…n): saving the builder's
   * map would change those seats.
   */
  irregular: boolean;
}

interface RowFacts {
  label: string;
  numbers: number[];
  grade: string;
  mixed: boolean;
}

/** The main-unit text of a price in minor units (1250 → "12.5" for USD). */
export function priceText(minorUnits: number, fractionDigits: number): string {
  return String(minorUnits / 10 ** fractionDigits);
}

function rowsBySection(seats: Seat[]): Map<string, RowFacts[]> {
  const sections = new Map<string, Map<string, RowFacts>>();
  for (const seat of seats) {
    const label = String(seat.row);
    let rows = sections.get(seat.section);
    if (!rows) sections.set(seat.section, (rows = new Map()));
    const row = rows.get(label);
    if (!row) rows.set(label, { label, numbers: [seat.number], grade: seat.grade, mixed: false });
    else {
      row.numbers.push(seat.number);
      if (row.grade !== seat.grade) row.mixed = true;
    }
  }
  // Sections stay in the map's order, the order they were registered in; rows are put in order.
  const sorted = new Map<string, RowFacts[]>();
  for (const [name, rows] of sections) sorted.set(name, [...rows.values()].sort((a, b) => compareLabels(a.label, b.label)));
  return sorted;
}

function numberedFromOne(numbers: number[]): boolean {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted.every((number, index) => number === index + 1);
}

/** Consecutive rows alike in seats and grade become one group. */
function groupRows(rows: RowFacts[], gradeIds: Map<string, string>): RowGroupDraft[] {
  const groups: RowGroupDraft[] = [];
  let lastNumber = 0;
  let current: { first: string; last: string; seats: number; grade: string } | null = null;
  const close = () => {
    if (!current) return;
    const { first, last, seats, grade } = current;
    const continues = isNumberLabel(first) && Number(first) === lastNumber + 1;
    const count = continues ? Number(last) - Number(first) + 1 : 0;
    groups.push(
      newRowGroup(gradeIds.get(grade) ?? '', continues
        ? { mode: 'count', count: String(count), seatsPerRow: String(seats) }
        : { mode: 'range', from: first, to: last === first ? '' : last, seatsPerRow: String(seats) }),
    );
    if (isNumberLabel(last)) lastNumber = Math.max(lastNumber, Number(last));
  };
  for (const row of rows) {
    const seats = row.numbers.length;
    if (current && current.seats === seats && current.grade === row.grade && nextLabel(current.last) === row.label) {
      current.last = row.label;
      continue;
    }
    close();
    current = { first: row.label, last: row.label, seats, grade: row.grade };
  }
  close();
  return groups;
}

/** The builder's draft of a registered seat map (GET /e/{slug}/seats). */
export function draftFromSeats(seats: Seat[], fractionDigits: number): LoadedDraft {
  let irregular = false;
  const prices = new Map<string, number>();
  for (const seat of seats) {
    const known = prices.get(seat.grade);
    if (known !== undefined && known !== seat.price) irregular = true;
    prices.set(seat.grade, Math.min(known ?? seat.price, seat.price));
  }
  const grades: GradeDraft[] = [...prices].map(([name, price]) => newGrade({ name, price: priceText(price, fractionDigits) }));
  const gradeIds = new Map(grades.map((grade) => [grade.name, grade.id]));

  const sections: SectionDraft[] = [];
  for (const [name, rows] of rowsBySection(seats)) {
    if (rows.some((row) => row.mixed || !numberedFromOne(row.numbers))) irregular = true;
    sections.push(newSection('', { name, groups: groupRows(rows, gradeIds) }));
  }
  return { draft: { grades, sections }, irregular };
}
