import { Fragment } from 'preact';

/**
 * A resume code in its groups of four. A line may break only after a
 * group's dash, never inside a group and never before a dash, so no line of
 * a wrapped code starts with "-"; copied or read aloud it is the plain code.
 */
export function ResumeCodeText({ code, class: className, labelledBy }: { code: string; class?: string; labelledBy?: string }) {
  const groups = code.split('-');
  return (
    <p class={className} aria-labelledby={labelledBy} translate={false}>
      {groups.map((group, i) => (
        <Fragment key={i}>
          <span class="code-group">
            {group}
            {i < groups.length - 1 ? '-' : ''}
          </span>
          {i < groups.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </p>
  );
}
