import { amountRange, generalizeText, headcountRange, industryGroup } from './generalize';

describe('a typical case as published: generalised so that it cannot point at a group (PIPL art. 73(4))', () => {
  it('gives ranges for headcounts and amounts', () => {
    expect([1, 2, 9, 10, 29, 30, 99, 100].map(headcountRange)).toEqual(['1人', '2至9人', '2至9人', '10至29人', '10至29人', '30至99人', '30至99人', '100人以上']);
    expect([0, 999_900, 1_000_000, 3_864_000, 9_999_900, 10_000_000, 60_000_000, 100_000_000].map(amountRange))
      .toEqual([null, '不足1万元', '1万至5万元', '1万至5万元', '5万至10万元', '10万至50万元', '50万至100万元', '100万元以上']);
  });

  it('rounds amounts and headcounts in the text, and writes the quarter instead of the day or month', () => {
    expect(generalizeText('2026年11月5日，12名农民工被拖欠工资38,640元，11月20日追回3.86万元；另有3名工人、1人受伤，赔偿5600元。'))
      .toBe('2026年第四季度，十余名农民工被拖欠工资3万余元，其后追回3万余元；另有数名工人、1人受伤，赔偿数千元。');
    expect(generalizeText('2027年2月，35名')).toBe('2027年第一季度，30余名');
  });

  it('publishes a broader industry', () => {
    expect(industryGroup('courier')).toBe('服务业');
    expect(industryGroup('construction')).toBe('建筑业');
  });
});
