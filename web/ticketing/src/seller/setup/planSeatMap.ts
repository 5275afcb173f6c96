import type { Messages } from '../../i18n';
import type { ExplicitSeatInput, SeatMapInput, SectionInput } from '../sellerApi';
import type { FieldErrors } from '../fieldErrors';
import { fieldId } from '../fieldErrors';
import { isNumberLabel, LABEL, labelRange } from './rowLabels';
import type { GradeDraft, RowGroupDraft, SeatMapDraft, SectionDraft } from './seatMapDraft';

// The service's limits (services/ticketing/src/performance/performance.schemas.ts).
export const LIMITS = { seats: 100_000, price: 10_000_000, rowsPerGroup: 200, seatsPerRow: 1000, sections: 200, gradeName: 30 } as const;

type BuilderMessages = Messages['seller']['builder'];

export interface PlannedRow {
  groupId: string;
  label: string;
  seats: number;
  gradeId: string;
}

export interface PlannedSection {
  id: string;
  name: string;
  rows: PlannedRow[];
}

export interface PlannedGrade {
  id: string;
  name: string;
  /** Minor units; null while the typed price is not valid. */
  price: number | null;
}

export interface SeatMapPlan {
  grades: PlannedGrade[];
  sections: PlannedSection[];
  totalSeats: number;
  errors: FieldErrors;
  /** The body's `seatMap`, when there is nothing to fix. */
  seatMap: SeatMapInput | null;
  /** The builder section behind `seatMap.sections[i]`, and behind `seatMap.seats` up to each `end`. */
  origins: { sections: string[]; seats: Array<{ end: number; sectionId: string }> };
}

/** Minor units for a price typed in the main unit (12.50 → 1250 for USD), or null when it is no number. */
export function parsePrice(text: string, fractionDigits: number): number | null {
  const clean = text.trim().replace(/[,\s]/g, '');
  const pattern = fractionDigits > 0 ? new RegExp(`^-?\\d+(\\.\\d{1,${fractionDigits}})?$`) : /^-?\d+$/;
  if (!pattern.test(clean)) return null;
  return Math.round(Number(clean) * 10 ** fractionDigits);
}

function parseWhole(text: string): number | null {
  const clean = text.trim();
  return /^\d{1,9}$/.test(clean) ? Number(clean) : null;
}

function checkGrades(grades: GradeDraft[], fractionDigits: number, t: BuilderMessages, maxPrice: string, errors: FieldErrors): PlannedGrade[] {
  const seen = new Set<string>();
  return grades.map((grade) => {
    const name = grade.name.trim();
    if (!name) errors[fieldId(grade.id, 'name')] = t.required;
    else if (name.length > LIMITS.gradeName) errors[fieldId(grade.id, 'name')] = t.gradeTooLong(LIMITS.gradeName);
    else if (seen.has(name)) errors[fieldId(grade.id, 'name')] = t.duplicateGrade(name);
    seen.add(name);

    const price = parsePrice(grade.price, fractionDigits);
    if (!grade.price.trim()) errors[fieldId(grade.id, 'price')] = t.required;
    else if (price === null) errors[fieldId(grade.id, 'price')] = t.priceFormat;
    else if (price < 1) errors[fieldId(grade.id, 'price')] = t.priceNotPositive;
    else if (price > LIMITS.price) errors[fieldId(grade.id, 'price')] = t.priceTooHigh(maxPrice);
    return { id: grade.id, name, price: price !== null && price >= 1 && price <= LIMITS.price ? price : null };
  });
}

/** The labels of a row group; `lastNumber` is the highest numbered row of the section so far. */
function groupLabels(group: RowGroupDraft, lastNumber: number, t: BuilderMessages, errors: FieldErrors): string[] {
  if (group.mode === 'count') {
    const count = parseWhole(group.count);
    if (count === null || count < 1 || count > LIMITS.rowsPerGroup) {
      errors[fieldId(group.id, 'count')] = t.wholeNumber(1, LIMITS.rowsPerGroup);
      return [];
    }
    return Array.from({ length: count }, (_, i) => String(lastNumber + 1 + i));
  }
  const from = group.from.trim();
  const to = group.to.trim() || from;
  if (!LABEL.test(from)) errors[fieldId(group.id, 'from')] = from ? t.labelFormat : t.required;
  if (group.to.trim() && !LABEL.test(to)) errors[fieldId(group.id, 'to')] = t.labelFormat;
  if (errors[fieldId(group.id, 'from')] || errors[fieldId(group.id, 'to')]) return [];
  const labels = from === to ? [from] : labelRange(from, to);
  if (!labels) {
    errors[fieldId(group.id, 'to')] = t.badRange;
    return [];
  }
  if (labels.length > LIMITS.rowsPerGroup) {
    errors[fieldId(group.id, 'to')] = t.tooManyRows(LIMITS.rowsPerGroup);
    return [];
  }
  return labels;
}

function planSection(section: SectionDraft, gradeIds: Set<string>, t: BuilderMessages, errors: FieldErrors): PlannedSection {
  const rows: PlannedRow[] = [];
  const labels = new Set<string>();
  let lastNumber = 0;
  if (section.groups.length === 0) errors[fieldId(section.id, 'rows')] = t.noRows;
  for (const group of section.groups) {
    const seats = parseWhole(group.seatsPerRow);
    const seatsOk = seats !== null && seats >= 1 && seats <= LIMITS.seatsPerRow;
    if (!seatsOk) errors[fieldId(group.id, 'seats')] = t.wholeNumber(1, LIMITS.seatsPerRow);
    if (!gradeIds.has(group.gradeId)) errors[fieldId(group.id, 'grade')] = t.chooseGrade;
    for (const label of groupLabels(group, lastNumber, t, errors)) {
      if (labels.has(label)) {
        errors[fieldId(group.id, group.mode === 'count' ? 'count' : 'from')] ??= t.duplicateRow(label);
        continue;
      }
      labels.add(label);
      if (isNumberLabel(label)) lastNumber = Math.max(lastNumber, Number(label));
      if (seatsOk) rows.push({ groupId: group.id, label, seats, gradeId: group.gradeId });
    }
  }
  return { id: section.id, name: section.name.trim(), rows };
}

/**
 * Checks the draft against the service's rules and turns it into the body's seat map: a
 * section of numbered rows that are all alike becomes a `sections` entry, any other section
 * an explicit seat list. Seat ids come out as `<section>-<row>-<number>`, numbers from 1.
 */
export function planSeatMap(draft: SeatMapDraft, fractionDigits: number, t: BuilderMessages, maxPrice: string): SeatMapPlan {
  const errors: FieldErrors = {};
  const grades = checkGrades(draft.grades, fractionDigits, t, maxPrice, errors);
  const gradeIds = new Set(grades.map((grade) => grade.id));
  if (grades.length === 0) errors['sm-grades'] = t.noGrades;
  if (draft.sections.length === 0) errors['sm-sections'] = t.noSections;

  const names = new Set<string>();
  const sections = draft.sections.map((section) => {
    const name = section.name.trim();
    if (!LABEL.test(name)) errors[fieldId(section.id, 'name')] = name ? t.labelFormat : t.required;
    else if (names.has(name)) errors[fieldId(section.id, 'name')] = t.duplicateSection(name);
    names.add(name);
    return planSection(section, gradeIds, t, errors);
  });

  const totalSeats = sections.reduce((sum, section) => sum + section.rows.reduce((n, row) => n + row.seats, 0), 0);
  if (totalSeats > LIMITS.seats) errors['sm-sections'] = t.tooManySeats(LIMITS.seats);

  const origins: SeatMapPlan['origins'] = { sections: [], seats: [] };
  let seatMap: SeatMapInput | null = null;
  if (Object.keys(errors).length === 0) {
    const priceOf = new Map(grades.map((grade) => [grade.id, grade]));
    const simple: SectionInput[] = [];
    const seats: ExplicitSeatInput[] = [];
    // The service orders sections as `sections` lists them, then those only `seats` name: once
    // one section needs explicit seats, the ones after it do too, so the map keeps the
    // builder's order.
    draft.sections.forEach((source, index) => {
      const section = sections[index]!;
      const only = source.groups.length === 1 ? source.groups[0] : undefined;
      const first = section.rows[0];
      if (only?.mode === 'count' && first && seats.length === 0 && simple.length < LIMITS.sections) {
        const grade = priceOf.get(first.gradeId)!;
        simple.push({ name: section.name, grade: grade.name, price: grade.price!, rows: section.rows.length, seatsPerRow: first.seats });
        origins.sections.push(section.id);
        return;
      }
      for (const row of section.rows) {
        const grade = priceOf.get(row.gradeId)!;
        for (let number = 1; number <= row.seats; number++) {
          seats.push({ section: section.name, row: row.label, number, grade: grade.name, price: grade.price! });
        }
      }
      origins.seats.push({ end: seats.length, sectionId: section.id });
    });
    seatMap = { ...(simple.length ? { sections: simple } : {}), ...(seats.length ? { seats } : {}) };
  }
  return { grades, sections, totalSeats, errors, seatMap, origins };
}
