package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A Java migration: service events hang off the vehicle and carry no tenant of their own (the unsafe part). */
public class V3__Service_events extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        String prefix = context.getConfiguration().getPlaceholders().get("prefix");
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("CREATE TABLE " + prefix + "service_events ("
                    + " id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " vehicle_id bigint NOT NULL REFERENCES " + prefix + "vehicles (id),"
                    + " kind text NOT NULL)");
        }
    }
}
