import { useI18n } from '../../app-context.ts';
import type { LocalVisit } from '../../state/scout/visit-records.ts';
import { useScout } from './scout-context.ts';

// The server keeps up to 5000 characters per note (MAX_NOTE_LENGTH in visit-schemas.ts).
const NOTE_MAX = 5000;

/** The scout's notes on one dimension: stored on every keystroke, never shown to the business. */
export function NotesField({ visit, dimensionId, title }: { visit: LocalVisit; dimensionId: string; title: string }) {
  const scout = useScout();
  const i18n = useI18n();
  const text = visit.notes[dimensionId] ?? '';
  const id = `notes-${dimensionId}`;
  return (
    <section class="card notes" aria-labelledby={`${id}-title`}>
      <h2 class="notes__title" id={`${id}-title`}>
        <label for={id}>{i18n.t('scout.notesTitle')}</label>
      </h2>
      <p class="notes__area">{title}</p>
      <p class="question__hint" id={`${id}-hint`}>
        {i18n.t('scout.notesHint')}
      </p>
      <textarea
        id={id}
        class="input notes__input"
        rows={8}
        maxLength={NOTE_MAX}
        value={text}
        aria-describedby={`${id}-hint`}
        disabled={visit.status !== 'draft'}
        onInput={(event) => scout.setNote(visit.id, dimensionId, event.currentTarget.value)}
      />
      <p class="question__count" aria-hidden="true">
        {i18n.t('scout.notesCount', { count: text.length, max: NOTE_MAX })}
      </p>
    </section>
  );
}
