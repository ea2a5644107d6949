import { suggestActions } from '../../src/iam';
import { editDistance } from '../../src/iam/suggestions';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(editDistance('GetObject', 'GetObject')).toBe(0);
    expect(editDistance('GetObjct', 'GetObject')).toBe(1);
    expect(editDistance('GetObjetc', 'GetObject')).toBe(1);
    expect(editDistance('PutObject', 'GetObject')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('suggestActions', () => {
  it('suggests the closest actions of a known service', () => {
    expect(suggestActions('s3:GetObjct')).toEqual({ kind: 'actions', suggestions: expect.arrayContaining(['s3:GetObject']) });
    expect(suggestActions('dynamodb:Getitem').suggestions[0]).toBe('dynamodb:GetItem');
    expect(suggestActions('sqs:RecieveMessage').suggestions[0]).toBe('sqs:ReceiveMessage');
  });

  it('suggests the closest service prefixes for an unknown service', () => {
    const result = suggestActions('sqss:SendMessage');
    expect(result.kind).toBe('services');
    expect(result.suggestions[0]).toBe('sqs');
    expect(result.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('suggests nothing when nothing is close', () => {
    expect(suggestActions('s3:CompletelyDifferentThing').suggestions).toEqual([]);
  });
});
