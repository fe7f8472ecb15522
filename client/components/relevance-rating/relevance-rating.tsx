import { useI18n } from '../../app-context.ts';
import type { LocalizedText } from '../../../questionnaires/engine/index.ts';

const RATINGS = [1, 2, 3, 4, 5] as const;

/**
 * "How important is this topic for your business?" – 1 to 5, or no answer
 * (nothing stored). The gap between importance and implementation is the
 * business's digitalisation potential.
 */
export function RelevanceRating({
  questionId,
  question,
  value,
  onChange,
}: {
  questionId: string;
  question: LocalizedText | undefined;
  value: number | undefined;
  onChange: (rating: number | null) => void;
}) {
  const i18n = useI18n();
  const name = `relevance-${questionId}`;
  return (
    <fieldset class="relevance">
      <legend class="relevance__legend">{question ? i18n.text(question) : i18n.t('relevance.question')}</legend>
      <div class="scale scale--relevance">
        {RATINGS.map((rating) => (
          <label class="scale__option" key={rating}>
            <input
              type="radio"
              name={name}
              value={String(rating)}
              checked={value === rating}
              onChange={() => onChange(rating)}
              aria-label={i18n.t(`relevance.rating${rating}`)}
            />
            <span aria-hidden="true">{rating}</span>
          </label>
        ))}
      </div>
      <div class="scale__ends" aria-hidden="true">
        <span>{i18n.t('relevance.rating1')}</span>
        <span>{i18n.t('relevance.rating5')}</span>
      </div>
      <label class="relevance__none">
        <input type="radio" name={name} value="" checked={value === undefined} onChange={() => onChange(null)} />
        <span>{i18n.t('relevance.none')}</span>
      </label>
    </fieldset>
  );
}
