/**
 * Insights for the people who run the bot: every turn recorded (SQLite by default, any JDBC
 * database; schema by Flyway), members as salted hashes, text only where it helps and only for
 * {@code insights.retention}; and the report that reads it back.
 */
package app.offramp.adapter.insights;
