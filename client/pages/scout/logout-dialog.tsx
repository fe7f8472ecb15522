import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp, useI18n } from '../../app-context.ts';
import { useScout } from './scout-context.ts';

/**
 * Logging out: at once when everything is synced; otherwise a dialog says
 * how much is waiting, offers to sync first, and makes clear that logging
 * out keeps the data on the tablet. Nothing is ever discarded here.
 */
export function LogoutButton() {
  const scout = useScout();
  const app = useApp();
  const i18n = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const pending = scout.pendingTotal.value;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const logout = async () => {
    setOpen(false);
    await scout.logout();
    app.navigate('/scout');
  };
  const onClick = () => {
    if (scout.pendingTotal.peek() > 0) setOpen(true);
    else void logout();
  };
  return (
    <>
      <button type="button" class="button button--small button--quiet" onClick={onClick}>
        {i18n.t('scout.logout')}
      </button>
      <dialog ref={dialog} class="scout-dialog" aria-labelledby="logout-title" aria-describedby="logout-text" onClose={() => setOpen(false)}>
        <h2 id="logout-title">{i18n.t('scout.logoutTitle')}</h2>
        <div id="logout-text">
          <p>
            <strong>{i18n.plural('scout.logoutText', pending)}</strong>
          </p>
          <p>{i18n.t('scout.logoutKeep')}</p>
        </div>
        <div class="scout-dialog__actions">
          {scout.online.value ? (
            <button
              type="button"
              class="button button--primary"
              onClick={() => {
                scout.syncNow();
                setOpen(false);
              }}
            >
              {i18n.t('scout.logoutSyncFirst')}
            </button>
          ) : null}
          <button type="button" class="button" onClick={() => void logout()}>
            {i18n.t('scout.logoutAnyway')}
          </button>
          <button type="button" class="button button--quiet" onClick={() => setOpen(false)}>
            {i18n.t('scout.cancel')}
          </button>
        </div>
      </dialog>
    </>
  );
}
