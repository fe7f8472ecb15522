import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { AnswerValue, Question } from '../../../questionnaires/engine/index.ts';
// From the modules, not index.ts: the web app must not pull in zod (see vite.config.ts).
import { NOT_APPLICABLE } from '../../../questionnaires/engine/not-applicable.ts';
import { checkAnswer } from '../../../questionnaires/engine/validate-answers.ts';
import { useI18n } from '../../app-context.ts';
import type { Translator } from '../../state/i18n.ts';
import { HelpText } from '../help-text/help-text.tsx';
import { RelevanceRating } from '../relevance-rating/relevance-rating.tsx';

export interface QuestionFieldProps {
  question: Question;
  /** 1-based position among the visible questions of the page. */
  number: number;
  value: AnswerValue | undefined;
  relevance: number | undefined;
  relevanceQuestion: Question['text'] | undefined;
  onAnswer: (value: AnswerValue | null) => void;
  onRelevance: (rating: number | null) => void;
}

/** One question: its text, help, answer options, "not applicable" where offered, and the relevance rating. */
export function QuestionField(props: QuestionFieldProps) {
  const { question, value } = props;
  const i18n = useI18n();
  const id = `q-${question.id}`;
  const rated = question.relevance && value !== undefined && value !== NOT_APPLICABLE;
  const usesFieldset = question.type !== 'text' && question.type !== 'number';
  const hintId = `${id}-hint`;
  const hint = question.type === 'multi' ? i18n.t('question.multiHint') : null;
  const heading = (
    <>
      <span class="question__number" aria-hidden="true">
        {props.number}
      </span>
      <span class="question__text">{i18n.text(question.text)}</span>
      {question.required ? null : <span class="tag">{i18n.t('question.optional')}</span>}
    </>
  );
  return (
    <div class={value === undefined ? 'question' : 'question question--answered'} id={id} tabIndex={-1}>
      {usesFieldset ? (
        <fieldset class="question__fieldset" aria-describedby={hint ? hintId : undefined}>
          <legend class="question__legend" id={`${id}-title`}>
            {heading}
          </legend>
          {question.help ? <HelpText text={i18n.text(question.help)} /> : null}
          {hint ? (
            <p class="question__hint" id={hintId}>
              {hint}
            </p>
          ) : null}
          <Choices {...props} i18n={i18n} />
        </fieldset>
      ) : (
        <FreeAnswer {...props} heading={heading} i18n={i18n} />
      )}
      {rated ? (
        <RelevanceRating
          questionId={question.id}
          question={props.relevanceQuestion}
          value={props.relevance}
          onChange={props.onRelevance}
        />
      ) : null}
    </div>
  );
}

function Choices({ question, value, onAnswer, i18n }: QuestionFieldProps & { i18n: Translator }) {
  const name = `q-${question.id}`;
  const notApplicable = question.notApplicable ? (
    <ChoiceOption
      type={question.type === 'multi' ? 'checkbox' : 'radio'}
      name={name}
      id={`${name}--na`}
      label={i18n.text(question.notApplicable)}
      checked={value === NOT_APPLICABLE}
      onChange={(checked) => onAnswer(checked ? NOT_APPLICABLE : null)}
      extraClass="choice--na"
    />
  ) : null;

  switch (question.type) {
    case 'single':
      return (
        <div class="choices">
          {question.options.map((option) => (
            <ChoiceOption
              key={option.id}
              type="radio"
              name={name}
              id={`${name}-${option.id}`}
              label={i18n.text(option.label)}
              help={option.help ? i18n.text(option.help) : undefined}
              checked={value === option.id}
              onChange={() => onAnswer(option.id)}
            />
          ))}
          {notApplicable}
        </div>
      );
    case 'multi': {
      const chosen = Array.isArray(value) ? value : [];
      const toggle = (optionId: string, exclusive: boolean, checked: boolean) => {
        // An exclusive choice ("none of these") clears the others, and any other choice clears it.
        const next = !checked
          ? chosen.filter((c) => c !== optionId)
          : exclusive
            ? [optionId]
            : [...chosen.filter((c) => !question.options.some((o) => o.id === c && o.exclusive)), optionId];
        const ordered = question.options.map((o) => o.id).filter((o) => next.includes(o));
        onAnswer(ordered.length ? ordered : null);
      };
      return (
        <div class="choices">
          {question.options.map((option) => (
            <ChoiceOption
              key={option.id}
              type="checkbox"
              name={name}
              id={`${name}-${option.id}`}
              label={i18n.text(option.label)}
              help={option.help ? i18n.text(option.help) : undefined}
              checked={chosen.includes(option.id)}
              onChange={(checked) => toggle(option.id, option.exclusive === true, checked)}
            />
          ))}
          {notApplicable}
        </div>
      );
    }
    case 'boolean':
      return (
        <div class="choices choices--inline">
          <ChoiceOption type="radio" name={name} id={`${name}-yes`} label={i18n.t('question.yes')} checked={value === true} onChange={() => onAnswer(true)} />
          <ChoiceOption type="radio" name={name} id={`${name}-no`} label={i18n.t('question.no')} checked={value === false} onChange={() => onAnswer(false)} />
          {notApplicable}
        </div>
      );
    case 'scale': {
      const points = Array.from({ length: question.max - question.min + 1 }, (_, i) => question.min + i);
      const minLabel = question.minLabel ? i18n.text(question.minLabel) : String(question.min);
      const maxLabel = question.maxLabel ? i18n.text(question.maxLabel) : String(question.max);
      return (
        <>
          <div class="scale">
            {points.map((point) => (
              <label class="scale__option" key={point}>
                <input
                  type="radio"
                  name={name}
                  value={String(point)}
                  checked={value === point}
                  onChange={() => onAnswer(point)}
                  aria-label={point === question.min ? `${point} – ${minLabel}` : point === question.max ? `${point} – ${maxLabel}` : String(point)}
                />
                <span aria-hidden="true">{point}</span>
              </label>
            ))}
          </div>
          <div class="scale__ends" aria-hidden="true">
            <span>{minLabel}</span>
            <span>{maxLabel}</span>
          </div>
          {notApplicable ? <div class="choices">{notApplicable}</div> : null}
        </>
      );
    }
    default:
      return null;
  }
}

function ChoiceOption(props: {
  type: 'radio' | 'checkbox';
  name: string;
  id: string;
  label: string;
  help?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  extraClass?: string;
}) {
  const helpId = props.help ? `${props.id}-help` : undefined;
  return (
    <label class={`choice ${props.extraClass ?? ''}`} for={props.id}>
      <input
        type={props.type}
        id={props.id}
        name={props.name}
        checked={props.checked}
        // Named by the label alone; the option's explanation is its description.
        aria-labelledby={`${props.id}-label`}
        aria-describedby={helpId}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <span class="choice__body">
        <span class="choice__label" id={`${props.id}-label`}>
          {props.label}
        </span>
        {props.help ? (
          <span class="choice__help" id={helpId}>
            {props.help}
          </span>
        ) : null}
      </span>
    </label>
  );
}

/** Text and number answers. Numbers are checked by the engine before they are saved. */
function FreeAnswer({ question, value, onAnswer, heading, i18n }: QuestionFieldProps & { heading: ComponentChildren; i18n: Translator }) {
  const id = `q-${question.id}-input`;
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const label = (
    <label class="question__legend" id={`q-${question.id}-title`} for={id}>
      {heading}
    </label>
  );

  if (question.type === 'text') {
    const text = typeof value === 'string' && value !== NOT_APPLICABLE ? value : '';
    const Field = question.multiline ? 'textarea' : 'input';
    return (
      <div class="question__fieldset">
        {label}
        {question.help ? <p class="question__hint" id={helpId}>{i18n.text(question.help)}</p> : null}
        <Field
          id={id}
          class="input"
          value={text}
          maxLength={question.maxLength}
          rows={question.multiline ? 4 : undefined}
          aria-describedby={question.help ? helpId : undefined}
          onInput={(event: Event) => {
            const next = (event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value;
            onAnswer(next.trim() === '' ? null : next);
          }}
        />
        <p class="question__count" aria-hidden="true">
          {i18n.t('question.characters', { count: text.length, max: question.maxLength })}
        </p>
      </div>
    );
  }
  if (question.type !== 'number') return null;
  const shown = draft ?? (typeof value === 'number' ? String(value).replace('.', i18n.locale === 'de' ? ',' : '.') : '');
  const commit = (raw: string) => {
    const trimmed = raw.trim();
    if (trimmed === '') {
      setInvalid(false);
      setDraft(null);
      onAnswer(null);
      return;
    }
    const parsed = Number(trimmed.replace(',', '.'));
    if (checkAnswer(question, parsed) !== null) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setDraft(null);
    onAnswer(parsed);
  };
  return (
    <div class="question__fieldset">
      {label}
      {question.help ? <HelpText text={i18n.text(question.help)} /> : null}
      <div class="number-field">
        <input
          id={id}
          class="input input--number"
          inputMode={question.integer ? 'numeric' : 'decimal'}
          value={shown}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
          onInput={(event) => setDraft(event.currentTarget.value)}
          onChange={(event) => commit(event.currentTarget.value)}
        />
        {question.unit ? <span class="number-field__unit">{i18n.text(question.unit)}</span> : null}
      </div>
      {invalid ? (
        <p class="field-error" id={errorId}>
          {i18n.t(question.integer ? 'question.numberInvalidWhole' : 'question.numberInvalid', { min: question.min, max: question.max })}
        </p>
      ) : null}
      {question.notApplicable ? (
        <div class="choices">
          <ChoiceOption
            type="checkbox"
            name={`q-${question.id}`}
            id={`q-${question.id}--na`}
            label={i18n.text(question.notApplicable)}
            checked={value === NOT_APPLICABLE}
            onChange={(checked) => onAnswer(checked ? NOT_APPLICABLE : null)}
            extraClass="choice--na"
          />
        </div>
      ) : null}
    </div>
  );
}
