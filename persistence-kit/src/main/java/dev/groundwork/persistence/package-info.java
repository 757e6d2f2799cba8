/**
 * Pagination over JPA: offset pages, slices and keyset pages with signed cursors.
 *
 * <ul>
 *   <li>Pagination: a {@link dev.groundwork.persistence.SortSpec} whitelists the sortable fields, a
 *       {@link dev.groundwork.persistence.CursorCodec} signs cursors, and a
 *       {@link dev.groundwork.persistence.Paginator} reads {@link dev.groundwork.persistence.KeysetPage keyset},
 *       {@link dev.groundwork.persistence.OffsetPage offset} and {@link dev.groundwork.persistence.Slice slice}
 *       pages for a {@link dev.groundwork.persistence.PageQuery} and a checked
 *       {@link dev.groundwork.persistence.PageRequest}. Bad client input is a
 *       {@link dev.groundwork.persistence.PaginationException} whose message is written for the client.
 *   <li>Helpers, in their own packages: {@link dev.groundwork.persistence.tx.TransactionTemplate} (retries
 *       conflicts), {@link dev.groundwork.persistence.audit.AuditListener} with
 *       {@link dev.groundwork.persistence.audit.Auditor}, {@link dev.groundwork.persistence.batch.BatchWriter}, and
 *       {@link dev.groundwork.persistence.jdbc.StatementCounter} for finding N+1 queries in tests.
 * </ul>
 *
 * <p>Paginators, specs, codecs and templates are immutable and thread-safe; builders are not.
 */
package dev.groundwork.persistence;
