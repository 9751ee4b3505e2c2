ALTER TABLE invoices ADD COLUMN status text;
-- the backfill sets the setting its policy reads first, for this transaction only
SET LOCAL app.maintenance = 'on';
UPDATE invoices SET status = 'open';
