-- The page a business was on when its draft was last saved (a section id, or
-- `pruefen` for the review): resuming opens it again, on any device (issue 18).
-- NULL for drafts saved before, which resume where the first required answer is open.
ALTER TABLE assessments ADD COLUMN step TEXT CHECK (step IS NULL OR length(step) <= 64);
