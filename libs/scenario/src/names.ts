import type { Industry } from '@yuanlian/contracts';
import { serviceArea } from '@yuanlian/identity';

/**
 * Names a person would believe for the simulated winter's employers and sites: a company is registered as
 * 行政区划 + 字号 + 行业 + 组织形式 (赣州市恒达建设工程有限公司, 赣州市南康区瑞丰家具有限公司, 于都县华远服装有限公司), a site is
 * named after a town of its county (水西安置房二期). The generator draws the parts from its seed; a name already given
 * is changed deterministically (another trade name, another phase), never numbered, so one seed gives the same names.
 * The towns are real places of each county; the companies and sites are made up.
 */

/** Trade names (字号). */
export const TRADE_NAMES = [
  '恒达', '鑫源', '宏图', '赣南', '章江', '贡水', '瑞丰', '华远', '永盛', '金鹏', '荣发', '东升', '嘉禾', '中联', '润泽', '长青', '顺通', '安泰', '富康', '新城',
  '宏达', '华建', '恒通', '金盛', '鸿运', '正荣', '兴旺', '裕隆', '天成', '万和', '晟达', '宝华', '隆鑫', '锦程', '广源', '泰和', '鼎盛', '盛源', '汇通', '振兴',
];

export const COMPANY_FORMS: Record<Industry, string[]> = {
  construction: ['建筑劳务有限公司', '建设工程有限公司', '市政工程有限公司'],
  manufacturing: ['电子科技有限公司', '服装有限公司', '家具有限公司', '新材料有限公司'],
  catering: ['餐饮管理有限公司', '酒店管理有限公司'],
  property_management: ['物业服务有限公司'],
  sanitation: ['环境卫生服务有限公司'],
  courier: ['快递服务有限公司', '速递有限公司'],
  logistics: ['物流有限公司', '运输有限公司'],
  services: ['商贸有限公司', '家政服务有限公司'],
  agriculture: ['农业开发有限公司'],
  mining: ['矿业有限公司'],
  other: ['实业有限公司'],
};

/** Towns of each county, for site names. */
const TOWNS: Record<string, string[]> = {
  '360702': ['沙河', '水西', '水南', '沙石', '湖边', '蟠龙'],
  '360703': ['唐江', '龙岭', '镜坝', '东山', '龙回', '横寨'],
  '360704': ['梅林', '茅店', '储潭', '江口', '王母渡', '大田'],
  '360722': ['嘉定', '大塘埠', '古陂', '大桥', '西牛', '安西'],
  '360723': ['南安', '新城', '池江', '青龙', '黄龙', '樟斗'],
  '360724': ['东山', '黄埠', '社溪', '营前', '梅水', '油石'],
  '360725': ['横水', '扬眉', '过埠', '铅厂', '长龙', '关田'],
  '360726': ['欣山', '版石', '天心', '鹤子', '孔田', '重石'],
  '360728': ['历市', '岿美山', '老城', '天九', '龙塘', '鹅公'],
  '360729': ['城厢', '大吉山', '南迳', '陂头', '金龙', '龙源坝'],
  '360730': ['梅江', '青塘', '长胜', '黄陂', '固村', '赖村'],
  '360731': ['贡江', '罗坳', '银坑', '岭背', '梓山', '禾丰'],
  '360732': ['潋江', '埠头', '高兴', '长冈', '江背', '杰村'],
  '360733': ['文武坝', '筠门岭', '西江', '周田', '麻州', '庄口'],
  '360734': ['长宁', '晨光', '留车', '南桥', '吉潭', '澄江'],
  '360735': ['琴江', '小松', '屏山', '横江', '高田', '木兰'],
  '360781': ['象湖', '沙洲坝', '壬田', '九堡', '谢坊', '瑞林'],
  '360783': ['龙南', '东江', '渡江', '程龙', '杨村', '桃江'],
};
const DEFAULT_TOWNS = ['城东', '城西', '城南', '城北'];
export const townsOf = (divisionCode: string) => TOWNS[divisionCode] ?? DEFAULT_TOWNS;

export const PROJECT_KINDS = ['安置房', '人民医院综合楼', '中学教学楼', '工业园标准厂房', '滨江花园', '高铁站配套道路', '保障性住房', '商业广场', '污水处理厂', '产业园'];
const PHASES = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** The registered-name prefix of a company of the county: 赣州市 for most, the district or county for some. */
function prefix(divisionCode: string, variant: number): string {
  const county = serviceArea(divisionCode)?.name ?? '';
  // County-level cities register as themselves (瑞金市, 龙南市); others as the city, the city and district, or the county.
  const forms = county.endsWith('市') ? [county, '赣州市', county] : county.endsWith('区') ? ['赣州市', `赣州市${county}`, '赣州'] : ['赣州市', county, county];
  return forms[variant % forms.length];
}

export class NameBook {
  private readonly taken = new Set<string>();

  /**
   * A company's name from the drawn trade name, form and prefix; when taken, the next trade name, then another
   * prefix, then another form; only when all are taken two trade names together (恒达鑫源).
   */
  company(divisionCode: string, industry: Industry, trade: number, form: number, variant: number): string {
    const forms = COMPANY_FORMS[industry];
    const words = TRADE_NAMES.length;
    for (let k = 0; ; k++) {
      const round = Math.floor(k / (words * 3 * forms.length));
      const word = TRADE_NAMES[(trade + k) % words] + (round ? TRADE_NAMES[(trade + round) % words] : '');
      const name = `${prefix(divisionCode, variant + Math.floor(k / words))}${word}${forms[(form + Math.floor(k / (words * 3))) % forms.length]}`;
      if (!this.taken.has(name)) {
        this.taken.add(name);
        return name;
      }
    }
  }

  /** A site's name, unique in its county (its key is the county and the name): the next phase, then the next town, when taken. */
  site(divisionCode: string, town: number, kind: number, phase: number): string {
    const towns = townsOf(divisionCode);
    for (let k = 0; ; k++) {
      const t = towns[(town + Math.floor(k / PHASES.length)) % towns.length];
      const p = PHASES[(phase + k) % PHASES.length];
      const k2 = Math.floor(k / (PHASES.length * towns.length));
      const name = `${t}${PROJECT_KINDS[(kind + k2) % PROJECT_KINDS.length]}${p}期`;
      if (!this.taken.has(`${divisionCode}|${name}`)) {
        this.taken.add(`${divisionCode}|${name}`);
        return name;
      }
    }
  }
}
