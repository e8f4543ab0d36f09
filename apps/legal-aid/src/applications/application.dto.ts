import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean, IsDefined, IsIn, IsInt, IsNotEmptyObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { CHANNELS, dayField, IsFen, INDUSTRIES, keysOf, MATTERS } from '@yuanlian/contracts';
import type { Channel, Industry, Matter } from '@yuanlian/contracts';
import { IsChinesePhone, IsCreditCode, IsGanzhouServiceArea, IsResidentId } from '@yuanlian/identity';
import { APPLICATION_STATUSES, URGENT_KINDS } from './application.entity';
import type { ApplicationStatus, UrgentKind } from './application.entity';

export class WorkerInput {
  @ApiProperty({ example: '张三' }) @IsString() @Length(1, 50, { message: '姓名长度应为1至50个字符' }) name: string;
  @ApiProperty({ example: '360702199003071239' }) @IsResidentId() idNumber: string;
  @ApiProperty({ example: '13812345678' }) @IsChinesePhone() phone: string;
}

export class EmployerInput {
  @ApiProperty({ example: '赣州某建设工程有限公司' }) @IsString() @Length(1, 200, { message: '单位名称长度应为1至200个字符' }) name: string;
  @ApiProperty({ example: '91360702MA35G7K276' }) @IsCreditCode() creditCode: string;
}

export class ProjectInput {
  @ApiProperty({ example: '章江新区安置房二期' }) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) address?: string;
}

export class CreateApplicationInput {
  @ApiProperty({ type: WorkerInput })
  @IsDefined({ message: '缺少劳动者信息' }) @IsNotEmptyObject({}, { message: '缺少劳动者信息' })
  @ValidateNested() @Type(() => WorkerInput)
  worker: WorkerInput;

  @ApiProperty({ type: EmployerInput })
  @IsDefined({ message: '缺少用人单位信息' }) @IsNotEmptyObject({}, { message: '缺少用人单位信息' })
  @ValidateNested() @Type(() => EmployerInput)
  employer: EmployerInput;

  @ApiPropertyOptional({ type: ProjectInput })
  @IsOptional() @ValidateNested() @Type(() => ProjectInput)
  project?: ProjectInput;

  @ApiProperty({ example: '360702', description: '赣州市县（市、区）代码或功能区代码' }) @IsGanzhouServiceArea() divisionCode: string;
  @ApiPropertyOptional({ example: '360702', description: '工作地（用工所在地）：与案件所在县不同时填写；监察、仲裁按工作地管辖' })
  @IsOptional() @IsGanzhouServiceArea({ message: '工作地须为本市县（市、区）或功能区；在外市务工的，请移交当地法律援助中心' }) workplaceDivisionCode?: string;
  @ApiProperty({ enum: keysOf(CHANNELS) }) @IsIn(keysOf(CHANNELS), { message: '申请渠道无效' }) channel: Channel;
  @ApiProperty({ enum: keysOf(MATTERS) }) @IsIn(keysOf(MATTERS), { message: '事项类型无效' }) matter: Matter;
  @ApiProperty({ enum: keysOf(INDUSTRIES) }) @IsIn(keysOf(INDUSTRIES), { message: '行业无效' }) industry: Industry;
  @ApiProperty({ description: '拖欠金额（分）', example: 1250000 }) @IsFen() amountOwedFen: number;
  @ApiProperty({ example: 1 }) @IsInt({ message: '涉及人数必须是整数' }) @Min(1, { message: '涉及人数至少为1' }) @Max(100000) workersAffected: number;
  @ApiProperty() @IsString() @Length(1, 2000, { message: '案情摘要长度应为1至2000个字符' }) summary: string;
  @ApiPropertyOptional({ description: '紧急：先行提供法律援助，事后补交材料' }) @IsOptional() @IsBoolean() urgent?: boolean;
  @ApiPropertyOptional({ default: true, description: '申请人是否为进城务工人员（农民工）：是则请求支付劳动报酬、工伤赔偿的免予经济困难审查（《法律援助法》第四十二条第三项）；未填按是' })
  @IsOptional() @IsBoolean({ message: 'migrantWorker 应为 true 或 false' }) migrantWorker?: boolean;
  @ApiPropertyOptional({ description: '劳动关系终止的日期（已离职的）：申请仲裁的一年时效自该日起算（《劳动争议调解仲裁法》第二十七条）' })
  @IsOptional() @dayField({ day: '劳动关系终止日期无效' }) employmentEndedOn?: string;
  @ApiPropertyOptional({ description: '工伤：事故伤害发生之日或被诊断、鉴定为职业病之日；劳动者申请工伤认定的一年自该日起算（《工伤保险条例》第十七条）' })
  @IsOptional() @dayField({ day: '受伤日期无效' }) injuredOn?: string;
  @ApiPropertyOptional({ type: EmployerInput, description: '建设工程的施工总承包单位：分包单位、包工头拖欠的，由其先行清偿（《保障农民工工资支付条例》第三十条、第三十六条）' })
  @IsOptional() @ValidateNested() @Type(() => EmployerInput) generalContractor?: EmployerInput;
  @ApiPropertyOptional({ description: '劳动者由不具备用工主体资格的个人（包工头）招用' })
  @IsOptional() @IsBoolean({ message: 'hiredByForeman 应为 true 或 false' }) hiredByForeman?: boolean;
  @ApiPropertyOptional({ description: '政府投资项目' })
  @IsOptional() @IsBoolean({ message: 'governmentFunded 应为 true 或 false' }) governmentFunded?: boolean;
  @ApiPropertyOptional() @ValidateIf((o) => o.urgent === true) @IsString({ message: '紧急受理须说明理由' }) @Length(1, 500) urgentReason?: string;
  @ApiPropertyOptional({ enum: keysOf(URGENT_KINDS), description: '紧急情形' })
  @ValidateIf((o) => o.urgent === true) @IsIn(keysOf(URGENT_KINDS), { message: '紧急受理须选择紧急情形' }) urgentKind?: UrgentKind;
}

/** The work queues of a legal aid center: what waits for whom. */
export const CASE_QUEUES = {
  decision: '待审查决定', assignment: '待指派律师', paperwork: '先行受理待补材料', follow_up: '待跟进履行', mine: '本人承办',
} as const;
export type CaseQueue = keyof typeof CASE_QUEUES;

/** How the case list is ordered (the table's sortable columns); newest first by default. */
export const CASE_SORTS = {
  newest: ['a.created_at', 'DESC'], oldest: ['a.created_at', 'ASC'], amount_desc: ['a.amount_owed_fen', 'DESC'], amount_asc: ['a.amount_owed_fen', 'ASC'],
  workers_desc: ['a.workers_affected', 'DESC'], workers_asc: ['a.workers_affected', 'ASC'],
} as const;
export type CaseSort = keyof typeof CASE_SORTS;

export class ListQuery {
  @ApiPropertyOptional({ enum: keysOf(CASE_SORTS), description: '排序：登记时间、金额或人数' })
  @IsOptional() @IsIn(keysOf(CASE_SORTS), { message: '排序方式无效' }) sort?: CaseSort;
  @ApiPropertyOptional({ enum: keysOf(APPLICATION_STATUSES), description: '按状态筛选，如 received 为待审查队列' })
  @IsOptional() @IsIn(keysOf(APPLICATION_STATUSES), { message: '状态无效' }) status?: ApplicationStatus;
  @ApiPropertyOptional({ description: '按劳动者身份证号查找（以密钥散列比对，不存明文）' })
  @IsOptional() @IsResidentId() idNumber?: string;
  @ApiPropertyOptional({ description: '按劳动者联系电话查找' })
  @IsOptional() @IsChinesePhone() phone?: string;
  @ApiPropertyOptional({ enum: keysOf(CASE_QUEUES), description: '工作队列：待决定、待指派、先行受理待补材料、待跟进履行、本人承办' })
  @IsOptional() @IsIn(keysOf(CASE_QUEUES), { message: '工作队列无效' }) queue?: CaseQueue;
  @ApiPropertyOptional({ description: '查找：身份证号、电话（以密钥散列比对）、统一社会信用代码、接收机构案号，或劳动者、用人单位、项目名称中的文字' })
  @IsOptional() @IsString() @Length(1, 50, { message: '查找内容应为1至50个字符' }) @Matches(/^[^\u0000-\u001f\u007f]*$/, { message: '查找内容不能含控制字符' }) q?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class RelatedQuery {
  @ApiPropertyOptional({ description: '劳动者身份证号' }) @IsOptional() @IsResidentId() idNumber?: string;
  @ApiPropertyOptional({ description: '用人单位统一社会信用代码' }) @IsOptional() @IsCreditCode() creditCode?: string;
}

export class AssignInput {
  @ApiProperty({ description: '指派的律师或法律援助人员' }) @IsString() @Length(1, 50, { message: '请填写指派人员姓名' }) lawyerName: string;
}

export class CloseInput {
  @ApiProperty({ description: '结案说明' }) @IsString() @Length(2, 2000, { message: '请填写结案说明（2至2000个字符）' }) note: string;
}
