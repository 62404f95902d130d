# From the seed post: initial LR 0.1, eta_min 0.01, first cycle 10, cycles doubling (T_mult=2).
# Hover CosineAnnealingWarmRestarts, T_0 or T_mult; run "LR Schedule: Preview Scheduler at Cursor".
import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, CosineAnnealingWarmRestarts

model = torch.nn.Linear(4, 2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
lr_sched = CosineAnnealingWarmRestarts(optimizer, T_0=10, T_mult=2, eta_min=0.01, last_epoch=-1)

other = torch.optim.SGD(model.parameters(), lr=0.1)
cosine = CosineAnnealingLR(other, T_max=10, eta_min=0)  # rises again after step 10

for epoch in range(150):
    optimizer.step()
    lr_sched.step()
