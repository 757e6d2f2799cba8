/**
 * Created and updated stamps: entities that implement {@link dev.groundwork.persistence.audit.Audited} and name
 * {@link dev.groundwork.persistence.audit.AuditListener} as an entity listener get the time and the actor from the
 * installed {@link dev.groundwork.persistence.audit.Auditor} on persist and update.
 */
package dev.groundwork.persistence.audit;
