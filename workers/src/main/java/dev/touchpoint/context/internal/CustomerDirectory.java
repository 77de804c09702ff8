package dev.touchpoint.context.internal;

import java.util.List;

/** Finds customers by address in the database (the authoritative index, whatever is loaded into memory). */
public interface CustomerDirectory {

    List<String> idsByPhone(String e164Phone);

    List<String> idsByEmail(String lowerCaseEmail);

    long countProfiles();
}
