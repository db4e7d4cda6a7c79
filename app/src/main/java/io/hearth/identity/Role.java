package io.hearth.identity;

/** What a person may be in an organisation; a person may hold several, and their permissions add up. */
public enum Role {
    MEMBER,
    FACILITATOR,
    PTM,
    ADMIN,
    LEADERSHIP,
    SUPPORT
}
