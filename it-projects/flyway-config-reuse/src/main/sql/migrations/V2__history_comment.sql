-- Names Flyway's history table as the flyway-maven-plugin block calls it (<table>): this fails unless db-guard
-- passed that setting on to Flyway.
COMMENT ON TABLE billing_history IS 'Flyway schema history of the billing service';
