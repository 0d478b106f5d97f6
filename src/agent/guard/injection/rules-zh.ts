// Chinese rules for the common attacks. No word boundaries, so gaps are bounded character runs
// inside one sentence.
import { alt, cjkGap, type Rule, ruleSet, rx } from './rule.ts';
import { HIGH, MEDIUM, STRONG } from './thresholds.ts';

const r = ruleSet('zh');

const EXTRACT = alt('告诉|说出|显示|输出|打印|展示|给我|发给我|透露|复述|重复|是什么|列出|公开|泄露|导出');
// Everyday words (说明 explanation, 要求 request, 提示 notice, 设定 setting) are left out: "我忘了说明"
// and "放弃退款要求" are ordinary sentences.
const INSTR = ['指令', '指示', '规则', '提示词', '系统提示', '约束', '规定', '命令', '准则'];
const SECRET = ['api ?(?:密钥|秘钥|key)', '密钥', '秘钥', '密码', '环境变量', '凭证', '令牌', 'token'];

export const ZH_RULES: Rule[] = [
  r(
    'instruction_override',
    STRONG,
    rx`(?:忽略|无视|忽视|不要理会|别管|不理会|忘记|忘掉|忘了|跳过|放弃|抛开|撇开|违背|不再遵守|不要遵守|不用遵守|不要遵循)${cjkGap(10)}${INSTR}`,
  ),
  r(
    'role_change',
    MEDIUM,
    rx`你现在是|从现在(?:开始|起)[,，]?你(?:是|将|要|就是)|扮演|假装你是|假设你是|你的新(?:身份|名字|角色)`,
  ),
  r('jailbreak', MEDIUM, rx`没有(?:任何)?(?:限制|约束|规则|过滤|审查)|不受(?:任何)?(?:限制|约束)|无限制`),
  r('jailbreak', HIGH, rx`开发者模式|开发模式|上帝模式|管理员模式|越狱`),
  r(
    'prompt_extraction',
    STRONG,
    rx`(?:系统提示词?|系统指令|系统消息|初始(?:指令|提示词?|设定)|你的(?:指令|提示词|设定|规则|系统提示)|隐藏(?:的)?(?:指令|提示))${cjkGap(12)}${EXTRACT}|${EXTRACT}${cjkGap(12)}(?:系统提示词?|系统指令|系统消息|初始(?:指令|提示词?|设定)|你的(?:指令|提示词|设定|系统提示)|隐藏(?:的)?(?:指令|提示))`,
  ),
  r('prompt_extraction', MEDIUM, rx`系统提示词?|系统指令|初始指令`),
  r(
    'secret_request',
    STRONG,
    rx`(?:你的|服务器的?|系统的?)${cjkGap(6)}${SECRET}|${SECRET}${cjkGap(8)}(?:发给我|告诉我|给我|显示|输出|是什么|是多少)|(?:发给我|告诉我|给我|显示|输出)${cjkGap(6)}(?:你的|服务器的?)?${SECRET}`,
  ),
  r(
    'cross_account',
    STRONG,
    rx`(?:所有|全部|其他|别的|其它)(?:的)?(?:客户|用户|账户|帐户|会员|人)${cjkGap(12)}(?:邮箱|账单|信息|数据|发票|列出|显示|给我|付款|电话|地址|名单)|(?:列出|显示|给我)${cjkGap(6)}(?:所有|全部|其他)(?:的)?(?:客户|用户|账户)`,
  ),
  r(
    'billing_manipulation',
    HIGH,
    rx`标记为已(?:付款|支付|付)|余额${cjkGap(4)}(?:改|设|清)(?:为|成)?(?:零|0)|免费(?:升级|开通|给我|获得|使用)|(?:改为|设为|改成)零`,
  ),
  r('authority_claim', MEDIUM, rx`我是(?:系统)?管理员|作为(?:系统)?管理员|我(?:是|作为)开发者`),
  r('exfiltration', STRONG, rx`(?:发送|发到|转发|上传|提交)${cjkGap(20)}https?:`),
  r(
    'addressed_to_ai',
    HIGH,
    rx`(?:给|致|对)(?:AI|ai|人工智能|助手|机器人|模型)的(?:提示|说明|指令|备注|消息)|如果你是(?:AI|ai|人工智能|语言模型|助手)`,
  ),
];
