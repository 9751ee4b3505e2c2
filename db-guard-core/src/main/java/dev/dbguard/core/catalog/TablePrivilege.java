package dev.dbguard.core.catalog;

/** One privilege on a table granted to a role ({@code grantee} "public" for PUBLIC), from the table's ACL. */
public record TablePrivilege(QualifiedName table, String grantee, String privilege) {
}
