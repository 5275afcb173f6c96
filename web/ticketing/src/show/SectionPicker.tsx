import type { SectionSummary } from '../api/show';
import { formatCount, type PriceFormat } from '../format';
import type { Messages } from '../i18n';
import type { Lang } from '../session';

interface SectionPickerProps {
  sections: SectionSummary[];
  chosen: string | null;
  onChoose: (name: string) => void;
  lang: Lang;
  t: Messages;
  price: PriceFormat;
}

/** A large venue's sections with their seats left; the chosen one is the map shown below. */
export function SectionPicker({ sections, chosen, onChoose, lang, t, price }: SectionPickerProps) {
  return (
    <div className="section-picker" role="group" aria-label={t.sections}>
      {sections.map((section) => (
        <button
          key={section.name}
          type="button"
          className="section-choice"
          aria-pressed={section.name === chosen}
          onClick={() => onChoose(section.name)}
        >
          <span className="section-choice-name">{t.section(section.name)}</span>
          <span>{t.sectionSeatsLeft(formatCount(section.available, lang), formatCount(section.seats, lang))}</span>
          <span>{t.fromPrice(price(section.lowestPrice))}</span>
        </button>
      ))}
    </div>
  );
}
