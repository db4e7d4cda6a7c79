package io.hearth.identity;

import io.hearth.tenancy.Tenant;

import java.util.UUID;

/**
 * A man's personal data was erased (GDPR): told in process, synchronously, to the features that hold more of what he
 * wrote (conversations erase his messages' text), so the erasure is whole when the request answers.
 */
public record PersonErased(Tenant tenant, UUID person) {
}
