/** The records tabs on a cadre's page and the roster's "加入后备干部库" action. */
import { AppointmentsEditor } from '../cadre/AppointmentsEditor'
import { CADRE_TABS } from '../cadre/tabs'
import { ROSTER_ACTIONS } from '../roster/actions'
import { openAddToPool } from './AddToPoolDialog'
import { RecordSection } from './RecordTab'
import { TalkHints } from './TalkHints'
import './records.css'

let registered = false
export function registerRecords(): void {
  if (registered) return
  registered = true
  CADRE_TABS.push(
    { id: 'appointments', title: '任职经历', render: (id) => <AppointmentsEditor cadreId={id} /> },
    {
      id: 'assessments',
      title: '年度考核',
      render: (id) => <RecordSection kind="assessments" cadreId={id} />,
    },
    { id: 'studies', title: '研判', render: (id) => <RecordSection kind="studies" cadreId={id} /> },
    {
      id: 'talks',
      title: '谈话',
      render: (id) => (
        <RecordSection
          kind="talks"
          cadreId={id}
          title="谈话、约谈与诫勉"
          extra={<TalkHints cadreId={id} />}
        />
      ),
    },
    {
      id: 'rewards',
      title: '奖惩',
      render: (id) => (
        <>
          <RecordSection kind="rewards" cadreId={id} title="奖励" />
          <RecordSection kind="discipline" cadreId={id} title="处分与组织处理" />
        </>
      ),
    },
    {
      id: 'reserve',
      title: '后备',
      render: (id) => <RecordSection kind="reserve" cadreId={id} title="后备干部" />,
    },
    {
      id: 'postings',
      title: '一线/派驻',
      render: (id) => <RecordSection kind="postings" cadreId={id} title="一线锻炼与派驻" />,
    },
    { id: 'training', title: '培训', render: (id) => <RecordSection kind="training" cadreId={id} /> },
  )
  ROSTER_ACTIONS.push({
    id: 'add-to-pool',
    label: '加入后备干部库',
    needsSelection: true,
    run: (ctx) => openAddToPool(ctx.selectedIds),
  })
}
