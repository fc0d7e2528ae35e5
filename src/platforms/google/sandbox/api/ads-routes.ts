// Google Ads REST: listAccessibleCustomers, customerClientLinks:mutate (single operation),
// customerManagerLinks:mutate (operations[]), googleAds:search / searchStream (google-api.md §2).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { directCustomers, roleOn } from '../model/ads-access.ts';
import {
  clientLinkName,
  createClientLink,
  managerLinkName,
  setHidden,
  updateLinkStatus,
} from '../model/ads-links.ts';
import { runQuery } from '../model/ads-query.ts';
import { failAds, GoogleApiError } from '../model/errors.ts';
import { parseGaql } from '../model/gaql.ts';
import { SCOPES } from '../model/scopes.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { bodyOf, customerIdParam, rejectUnknown, text } from './body.ts';
import { defineEndpoint, type Caller } from './endpoint.ts';

const V = '/:version(^v\\d+$)';
const rec = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : {};

/** Registers the Google Ads endpoints under any `/v{N}` prefix (google-api.md item 2). */
export function registerAdsRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  const ads = { ads: true, scopes: SCOPES.adwords } as const;

  defineEndpoint(app, rt, {
    ...ads,
    method: 'GET',
    url: `${V}/customers::listAccessibleCustomers`,
    handle: (_r, caller) => ({
      resourceNames: directCustomers(rt.model, caller.email).map((id) => `customers/${id}`),
    }),
  });

  defineEndpoint(app, rt, {
    ...ads,
    method: 'POST',
    url: `${V}/customers/:customerId/customerClientLinks::mutate`,
    handle: (request, caller) => {
      const managerId = customerIdParam(request);
      const body = bodyOf(request);
      rejectUnknown(body, ['customerId', 'operation', 'validateOnly']);
      const op = rec(body.operation);
      const validateOnly = body.validateOnly === true;
      const link = rt.model.mutate((ctx) => {
        if (op.create !== undefined) {
          const create = rec(op.create);
          rejectUnknown(create, ['clientCustomer', 'status', 'hidden'], 'operation.create');
          return createClientLink(
            ctx,
            caller,
            managerId,
            text(create.clientCustomer),
            text(create.status) || 'PENDING',
            validateOnly,
          );
        }
        if (op.update === undefined)
          failAds(
            'INVALID_ARGUMENT',
            'requestError',
            'OPERATION_REQUIRED',
            'An operation is required.',
          );
        const update = rec(op.update);
        const mask = maskOf(op.updateMask);
        const name = text(update.resourceName);
        let result = null;
        if (mask.includes('status'))
          result = updateLinkStatus(
            ctx,
            caller,
            'customerClientLinks',
            managerId,
            name,
            text(update.status),
            validateOnly,
          );
        if (mask.includes('hidden'))
          result = setHidden(ctx, caller, managerId, name, update.hidden === true, validateOnly);
        return (
          result ??
          failAds(
            'INVALID_ARGUMENT',
            'fieldMaskError',
            'FIELD_MASK_MISSING',
            'The field mask must be set for an update.',
          )
        );
      });
      return { result: { resourceName: clientLinkName(link) } };
    },
  });

  defineEndpoint(app, rt, {
    ...ads,
    method: 'POST',
    url: `${V}/customers/:customerId/customerManagerLinks::mutate`,
    handle: (request, caller) => {
      const clientId = customerIdParam(request);
      const body = bodyOf(request);
      rejectUnknown(body, ['customerId', 'operations', 'validateOnly']);
      const operations = Array.isArray(body.operations) ? body.operations : [];
      if (operations.length === 0)
        failAds(
          'INVALID_ARGUMENT',
          'requestError',
          'OPERATION_REQUIRED',
          'At least one operation is required.',
        );
      const results = rt.model.mutate((ctx) =>
        operations.map((raw, index) => {
          const op = rec(raw);
          try {
            if (op.update === undefined)
              failAds(
                'INVALID_ARGUMENT',
                'requestError',
                'OPERATION_REQUIRED',
                'CustomerManagerLinkOperation supports update only.',
              );
            if (!maskOf(op.updateMask).includes('status'))
              failAds(
                'INVALID_ARGUMENT',
                'fieldMaskError',
                'FIELD_MASK_MISSING',
                'The field mask must include status.',
              );
            const update = rec(op.update);
            const link = updateLinkStatus(
              ctx,
              caller,
              'customerManagerLinks',
              clientId,
              text(update.resourceName),
              text(update.status),
              body.validateOnly === true,
            );
            return { resourceName: managerLinkName(link) };
          } catch (error) {
            throw atOperation(error, index);
          }
        }),
      );
      return { results };
    },
  });

  const search = (request: FastifyRequest, caller: Caller) => {
    const customerId = customerIdParam(request);
    const body = bodyOf(request);
    rejectUnknown(body, [
      'customerId',
      'query',
      'pageToken',
      'pageSize',
      'validateOnly',
      'searchSettings',
      'summaryRowSetting',
    ]);
    if (body.pageSize !== undefined)
      failAds(
        'INVALID_ARGUMENT',
        'requestError',
        'PAGE_SIZE_NOT_SUPPORTED',
        'Setting the page size is not supported.',
      );
    if (typeof body.query !== 'string' || body.query.trim() === '')
      failAds(
        'INVALID_ARGUMENT',
        'requestError',
        'REQUIRED_FIELD_MISSING',
        'The query is required.',
      );
    roleOn(rt.model, caller.email, customerId, caller.loginCustomerId);
    return runQuery(rt.model, customerId, parseGaql(body.query));
  };
  defineEndpoint(app, rt, {
    ...ads,
    method: 'POST',
    url: `${V}/customers/:customerId/googleAds::search`,
    handle: search,
  });
  // REST streaming answers one JSON array of batches.
  defineEndpoint(app, rt, {
    ...ads,
    method: 'POST',
    url: `${V}/customers/:customerId/googleAds::searchStream`,
    handle: (r, c) => [search(r, c)],
  });
}

/** A FieldMask in proto3 JSON is one comma-separated string. */
function maskOf(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()) : [];
}

/** Adds `operations[index]` to a Google Ads error's location. */
function atOperation(error: unknown, index: number): unknown {
  if (!(error instanceof GoogleApiError) || !error.ads) return error;
  const entries = error.ads.map((e) => ({
    ...e,
    location: {
      fieldPathElements: [
        { fieldName: 'operations', index },
        ...(e.location?.fieldPathElements ?? []),
      ],
    },
  }));
  return new GoogleApiError(error.status, error.message, error.details, entries);
}
