// Japanese rules for the common attacks. Objects usually precede verbs ("指示を無視して"), so most
// rules match object ... verb within one sentence.
import { alt, cjkGap, type Rule, ruleSet, rx } from './rule.ts';
import { HIGH, MEDIUM, STRONG } from './thresholds.ts';

const r = ruleSet('ja');

// "設定" (settings) is left out: "設定を取り消す" is an ordinary request.
const INSTR = alt('指示|命令|ルール|規則|指令|プロンプト|制約|制限|ガイドライン|方針');
const EXTRACT = alt('教えて|見せて|表示|出力|開示|公開|全文|書き出|繰り返|送って|一覧');
const SECRET = alt('(?:api|ａｐｉ)キー|秘密鍵|シークレットキー|パスワード|環境変数|認証情報|トークン');

export const JA_RULES: Rule[] = [
  r(
    'instruction_override',
    STRONG,
    rx`${INSTR}${cjkGap(10)}(?:無視|忘れ|破棄|従わな|守らな)|(?:無視して|忘れて)${cjkGap(10)}${INSTR}`,
  ),
  r(
    'role_change',
    MEDIUM,
    rx`あなたは(?:今から|これから|今後|もう|今)|として(?:振る舞|ふるま|行動し)|ふりをして|なりきって|演じて`,
  ),
  r('jailbreak', MEDIUM, rx`制限(?:の|が)?(?:ない|なし|なく|を解除)|制約のない|フィルターなし|検閲なし`),
  r('jailbreak', HIGH, rx`開発者モード|デベロッパーモード|管理者モード|脱獄|ジェイルブレイク`),
  r(
    'prompt_extraction',
    STRONG,
    rx`(?:システムプロンプト|システム・プロンプト|システムメッセージ|初期(?:設定|指示|プロンプト)|あなたの(?:指示|設定|プロンプト|ルール)|隠された(?:指示|ルール)|秘密の指示)${cjkGap(10)}${EXTRACT}`,
  ),
  r('prompt_extraction', MEDIUM, rx`システムプロンプト|システム・プロンプト|システムメッセージ`),
  r(
    'secret_request',
    STRONG,
    rx`(?:あなたの|サーバーの|システムの|秘密の)${cjkGap(4)}${SECRET}|${SECRET}${cjkGap(8)}(?:教えて|見せて|表示|出力|送って)`,
  ),
  r(
    'cross_account',
    STRONG,
    rx`(?:他の|ほかの|全て?の|すべての|全)(?:顧客|ユーザー|お客様|アカウント|会員|利用者)${cjkGap(12)}(?:メールアドレス|請求書|情報|データ|一覧|見せて|表示|教えて|支払い|住所|電話)`,
  ),
  r(
    'billing_manipulation',
    HIGH,
    rx`支払い?済み(?:に|として)|残高を(?:ゼロ|0|０)|無料で${cjkGap(16)}(?:変更|アップグレード|提供|有効|開放|付与)`,
  ),
  r('authority_claim', MEDIUM, rx`(?:システム)?管理者として|私は(?:システム)?管理者|開発者として`),
  r(
    'exfiltration',
    STRONG,
    rx`(?:送信|送って|転送|アップロード)${cjkGap(20)}https?:|https?:\S+${cjkGap(4)}(?:に|へ)(?:送信|送って|転送)`,
  ),
  r(
    'addressed_to_ai',
    HIGH,
    rx`(?:AI|ai|ＡＩ|アシスタント|ボット|モデル)(?:へ|に|宛て)の(?:メモ|注意|指示|メッセージ)|もしあなたが(?:AI|ai|ＡＩ|アシスタント)`,
  ),
];
