import { Type, type TString } from 'typebox';

/**
 * Text that people read on another person's screen (a title, a venue, a name) must read as it
 * is stored. Control characters (ESC starts terminal escape sequences; C1 controls) and the
 * bidirectional embedding, override and isolate characters (U+202E turns "gpj.exe" around)
 * do not, so they are refused. The marks U+200E and U+200F, which right-to-left text uses, are
 * accepted.
 */
export type TextKind = 'line' | 'paragraph';

/** The schema keyword the validator checks (see textProblem). */
export const TEXT_KEYWORD = 'x-text';

type StringOptions = { minLength?: number; maxLength?: number; description?: string };

/** One line of text: no line breaks, tabs or other control characters; not only spaces. */
export const Line = (options: StringOptions = {}): TString => Type.String({ ...options, [TEXT_KEYWORD]: 'line' });

/** Text of several lines: line breaks and tabs, but no other control characters. */
export const Paragraph = (options: StringOptions = {}): TString => Type.String({ ...options, [TEXT_KEYWORD]: 'paragraph' });

// C0 controls but tab, line feed and carriage return (NUL has its own message, for every string); DEL; C1 controls.
const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const LINE_BREAK = /[\t\n\r\u2028\u2029]/u;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/u;

const codePoint = (text: string, index: number) => `U+${text.codePointAt(index)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why the text is refused, or null when it is fine. */
export function textProblem(kind: TextKind, text: string): string | null {
  const bidi = BIDI.exec(text);
  if (bidi) {
    return `must not contain bidirectional formatting characters, which make text read otherwise than it is stored (${codePoint(text, bidi.index)} at character ${bidi.index + 1})`;
  }
  const control = CONTROL.exec(text) ?? (kind === 'line' ? LINE_BREAK.exec(text) : null);
  if (control) {
    const allowed = kind === 'line' ? 'must be one line of text, without line breaks, tabs or other control characters' : 'must not contain control characters other than line breaks and tabs';
    return `${allowed} (${codePoint(text, control.index)} at character ${control.index + 1})`;
  }
  if (kind === 'line' && text.length > 0 && text.trim() === '') return 'must not be blank';
  return null;
}
