package dev.dbguard.core.catalog;

import java.util.List;

/**
 * A view or materialized view.
 *
 * @param securityInvoker true when created WITH (security_invoker = true) (PostgreSQL 15+)
 * @param reads           tables (and views) its query reads directly, from its rewrite rule's dependencies
 */
public record View(long oid, QualifiedName name, String owner, boolean materialized, boolean securityInvoker,
                   boolean securityBarrier, List<QualifiedName> reads, String definition) {

    public View {
        reads = List.copyOf(reads);
    }
}
