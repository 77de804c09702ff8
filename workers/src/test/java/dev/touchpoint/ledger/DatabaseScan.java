package dev.touchpoint.ledger;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Searches every text column of every application table for a value (to prove personal data is gone). */
public final class DatabaseScan {

    private DatabaseScan() {
    }

    /** {@code table.column} of every column whose text contains the value in some row. */
    public static List<String> columnsContaining(DataSource dataSource, String value) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, null, "%", "%")) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema == null || schema.equalsIgnoreCase("INFORMATION_SCHEMA") || schema.startsWith("pg_")) {
                        continue;
                    }
                    int type = rs.getInt("DATA_TYPE");
                    if (type == Types.VARCHAR || type == Types.CHAR || type == Types.CLOB || type == Types.LONGVARCHAR
                            || type == Types.NVARCHAR || type == Types.NCLOB) {
                        columns.add(new String[]{schema, rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME")});
                    }
                }
            }
            if (columns.isEmpty()) {
                throw new IllegalStateException("no text columns found: the scan would prove nothing");
            }
            for (String[] col : columns) {
                String sql = "SELECT COUNT(*) FROM \"" + col[0] + "\".\"" + col[1] + "\" WHERE \"" + col[2] + "\" LIKE ?";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, "%" + value.replace("%", "\\%").replace("_", "\\_") + "%");
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add(col[1] + "." + col[2]);
                        }
                    }
                }
            }
        }
        return found;
    }
}
