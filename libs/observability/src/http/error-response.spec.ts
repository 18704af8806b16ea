import { BadRequestException, ConflictException, HttpException, NotFoundException } from '@nestjs/common';
import { TesseraError } from '@tessera/sdk';
import { describe, expect, it } from 'vitest';
import { toErrorResponse } from './error-response.js';

describe('toErrorResponse', () => {
  it('keeps the code, status, message and details of a TesseraError', () => {
    const error = new TesseraError('PLUGIN_NOT_FOUND', 'Plugin "audit" is not installed.', { name: 'audit' });
    expect(toErrorResponse(error, 'r1')).toEqual({
      status: 404,
      body: { code: 'PLUGIN_NOT_FOUND', message: 'Plugin "audit" is not installed.', details: { name: 'audit' } },
      unexpected: false,
    });
  });

  it('maps Nest HTTP exceptions to the catalogue code of their status', () => {
    expect(toErrorResponse(new NotFoundException('No user 7.'), 'r1').body).toEqual({ code: 'NOT_FOUND', message: 'No user 7.' });
    expect(toErrorResponse(new ConflictException('Email taken.'), 'r1')).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
  });

  it('joins array messages of a 400 and keeps them as details', () => {
    const { status, body } = toErrorResponse(new BadRequestException(['a is wrong', 'b is wrong']), 'r1');
    expect(status).toBe(400);
    expect(body).toEqual({ code: 'VALIDATION_ERROR', message: 'a is wrong; b is wrong', details: ['a is wrong', 'b is wrong'] });
  });

  it('recognises Fastify body errors by their FST_ code', () => {
    const invalidJson = Object.assign(new Error("Body is not valid JSON but content-type is set to 'application/json'"), { code: 'FST_ERR_CTP_INVALID_JSON', statusCode: 400 });
    const tooLarge = Object.assign(new Error('Request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
    const mediaType = Object.assign(new Error('Unsupported Media Type'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 });
    expect(toErrorResponse(invalidJson, 'r1')).toMatchObject({ status: 400, body: { code: 'VALIDATION_ERROR' } });
    expect(toErrorResponse(tooLarge, 'r1')).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(toErrorResponse(mediaType, 'r1')).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('sees through the HttpException Nest wraps around a Fastify error', () => {
    const invalidJson = Object.assign(new Error('Body is not valid JSON'), { code: 'FST_ERR_CTP_INVALID_JSON', statusCode: 400 });
    const wrapped = new HttpException(invalidJson.message, 400, { cause: invalidJson });
    expect(toErrorResponse(wrapped, 'r1').body).toEqual({
      code: 'VALIDATION_ERROR',
      message: 'The request body could not be parsed. Send valid JSON matching the content-type header.',
      details: { reason: 'Body is not valid JSON' },
    });
  });

  it('hides the message of anything unexpected and points to the request id', () => {
    const sqlError = Object.assign(new Error('relation "users" does not exist'), { query: 'SELECT * FROM users', statusCode: 400 });
    const { status, body, unexpected } = toErrorResponse(sqlError, 'req-42');
    expect(status).toBe(500);
    expect(unexpected).toBe(true);
    expect(body.code).toBe('INTERNAL_ERROR');
    expect(body.message).toContain('req-42');
    expect(JSON.stringify(body)).not.toMatch(/users|SELECT/);
  });
});
