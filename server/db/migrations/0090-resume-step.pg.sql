-- PostgreSQL twin of 0090-resume-step.sql: the page a business was on when its
-- draft was last saved (a section id, or `pruefen`); NULL for older drafts.
ALTER TABLE assessments ADD COLUMN step text CHECK (step IS NULL OR length(step) <= 64);
