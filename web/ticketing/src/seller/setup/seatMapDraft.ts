// The seat map as the seller edits it: grades with prices, sections made of row groups. Every
// value is the text of its input, so half-typed entries survive until they are checked.

export interface GradeDraft {
  id: string;
  name: string;
  /** In the currency's main unit (won, dollars), as typed. */
  price: string;
}

/** `count`: the next N numbered rows of the section; `range`: rows labelled from–to (A–J, 1–12). */
export type RowMode = 'count' | 'range';

export interface RowGroupDraft {
  id: string;
  mode: RowMode;
  count: string;
  from: string;
  to: string;
  seatsPerRow: string;
  gradeId: string;
}

export interface SectionDraft {
  id: string;
  name: string;
  groups: RowGroupDraft[];
}

export interface SeatMapDraft {
  grades: GradeDraft[];
  sections: SectionDraft[];
}

let lastId = 0;
const nextId = (kind: string) => `${kind}${++lastId}`;

export function newGrade(values: Partial<Omit<GradeDraft, 'id'>> = {}): GradeDraft {
  return { id: nextId('g'), name: '', price: '', ...values };
}

export function newRowGroup(gradeId: string, values: Partial<Omit<RowGroupDraft, 'id'>> = {}): RowGroupDraft {
  return { id: nextId('r'), mode: 'count', count: '', from: '', to: '', seatsPerRow: '', gradeId, ...values };
}

export function newSection(gradeId: string, values: Partial<Omit<SectionDraft, 'id'>> = {}): SectionDraft {
  return { id: nextId('s'), name: '', groups: [newRowGroup(gradeId)], ...values };
}

export function emptyDraft(): SeatMapDraft {
  const grade = newGrade();
  return { grades: [grade], sections: [newSection(grade.id)] };
}

type Patch<T> = Partial<Omit<T, 'id'>>;

export function changeGrade(draft: SeatMapDraft, id: string, patch: Patch<GradeDraft>): SeatMapDraft {
  return { ...draft, grades: draft.grades.map((grade) => (grade.id === id ? { ...grade, ...patch } : grade)) };
}

export function addGrade(draft: SeatMapDraft): SeatMapDraft {
  return { ...draft, grades: [...draft.grades, newGrade()] };
}

/** Row groups of a removed grade move to the first grade left. */
export function removeGrade(draft: SeatMapDraft, id: string): SeatMapDraft {
  const grades = draft.grades.filter((grade) => grade.id !== id);
  const fallback = grades[0]?.id ?? '';
  const sections = draft.sections.map((section) => ({
    ...section,
    groups: section.groups.map((group) => (group.gradeId === id ? { ...group, gradeId: fallback } : group)),
  }));
  return { grades, sections };
}

export function changeSection(draft: SeatMapDraft, id: string, patch: Patch<SectionDraft>): SeatMapDraft {
  return { ...draft, sections: draft.sections.map((section) => (section.id === id ? { ...section, ...patch } : section)) };
}

export function addSection(draft: SeatMapDraft): SeatMapDraft {
  return { ...draft, sections: [...draft.sections, newSection(draft.grades[0]?.id ?? '')] };
}

/** Moves a section one place earlier (-1) or later (1): buyers see the sections in the draft's order. */
export function moveSection(draft: SeatMapDraft, id: string, by: -1 | 1): SeatMapDraft {
  const from = draft.sections.findIndex((section) => section.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= draft.sections.length) return draft;
  const sections = [...draft.sections];
  [sections[from], sections[to]] = [sections[to]!, sections[from]!];
  return { ...draft, sections };
}

export function removeSection(draft: SeatMapDraft, id: string): SeatMapDraft {
  return { ...draft, sections: draft.sections.filter((section) => section.id !== id) };
}

export function changeRowGroup(draft: SeatMapDraft, sectionId: string, groupId: string, patch: Patch<RowGroupDraft>): SeatMapDraft {
  return mapGroups(draft, sectionId, (groups) => groups.map((group) => (group.id === groupId ? { ...group, ...patch } : group)));
}

export function addRowGroup(draft: SeatMapDraft, sectionId: string): SeatMapDraft {
  return mapGroups(draft, sectionId, (groups) => [...groups, newRowGroup(groups.at(-1)?.gradeId ?? draft.grades[0]?.id ?? '')]);
}

export function removeRowGroup(draft: SeatMapDraft, sectionId: string, groupId: string): SeatMapDraft {
  return mapGroups(draft, sectionId, (groups) => groups.filter((group) => group.id !== groupId));
}

function mapGroups(draft: SeatMapDraft, sectionId: string, change: (groups: RowGroupDraft[]) => RowGroupDraft[]): SeatMapDraft {
  return {
    ...draft,
    sections: draft.sections.map((section) => (section.id === sectionId ? { ...section, groups: change(section.groups) } : section)),
  };
}
